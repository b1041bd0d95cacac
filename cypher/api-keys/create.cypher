// Stores a new API key. Only the sha256 hash of the key is kept, never the key itself.
CREATE (k:ApiKey {id: $id, name: $name, role: $role, hash: $hash, createdAt: $createdAt, expiresAt: $expiresAt})
RETURN k {.id, .name, .role, .createdAt, .expiresAt, .lastUsedAt, .revokedAt, .replacedBy} AS key
