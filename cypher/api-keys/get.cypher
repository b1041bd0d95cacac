// One API key by id (never its hash).
MATCH (k:ApiKey {id: $id})
RETURN k {.id, .name, .role, .entity, .createdAt, .expiresAt, .lastUsedAt, .revokedAt, .replacedBy} AS key
