// Revokes a key by setting revokedAt (kept for the audit trail; revoking twice keeps the first time).
MATCH (k:ApiKey {id: $id})
SET k.revokedAt = coalesce(k.revokedAt, $at)
RETURN k {.id, .name, .role, .entity, .createdAt, .expiresAt, .lastUsedAt, .revokedAt, .replacedBy} AS key
