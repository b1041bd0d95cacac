// One API key by id (never its hash).
MATCH (k:ApiKey {id: $id})
RETURN k {.id, .name, .role, .createdAt, .expiresAt, .lastUsedAt, .revokedAt, .replacedBy} AS key
