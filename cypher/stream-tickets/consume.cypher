// Redeems a change-stream ticket: deletes it (single use, whatever happens next) and returns
// whether it was still fresh and the API key it was issued to, as that key stands now.
MATCH (t:StreamTicket {hash: $hash})
WITH t, t.expiresAt > $now AS fresh, t.keyId AS keyId, t.expiresAt AS expiresAt
DELETE t
WITH fresh, keyId, expiresAt
OPTIONAL MATCH (k:ApiKey {id: keyId})
RETURN fresh, expiresAt, k {.id, .name, .role, .revokedAt} AS key
