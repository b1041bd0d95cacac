// Changes a key's role (promote or demote).
MATCH (k:ApiKey {id: $id})
SET k.role = $role
RETURN k {.id, .name, .role, .entity, .createdAt, .expiresAt, .lastUsedAt, .revokedAt, .replacedBy} AS key
