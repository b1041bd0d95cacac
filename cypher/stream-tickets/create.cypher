// Stores a change-stream ticket for API key $keyId (only its sha256 hash) and drops expired ones,
// so tickets never pile up. Not a roadmap change: the graph revision is untouched.
OPTIONAL MATCH (old:StreamTicket)
WHERE old.expiresAt <= $now
DETACH DELETE old
WITH count(*) AS purged
CREATE (t:StreamTicket {hash: $hash, keyId: $keyId, createdAt: $now, expiresAt: $expiresAt})
RETURN t.expiresAt AS expiresAt
