// Looks a presented key up by its sha256 hash (unique index), once per request.
MATCH (k:ApiKey {hash: $hash})
RETURN k {.id, .name, .role, .entity, .createdAt, .expiresAt, .lastUsedAt, .revokedAt, .replacedBy} AS key
