// Stores a new API key. Only the sha256 hash of the key is kept, never the key itself.
// $entity: the one entity a focal-point key may act for (null: not limited).
CREATE (k:ApiKey {id: $id, name: $name, role: $role, entity: $entity, hash: $hash, createdAt: $createdAt, expiresAt: $expiresAt})
RETURN k {.id, .name, .role, .entity, .createdAt, .expiresAt, .lastUsedAt, .revokedAt, .replacedBy} AS key
