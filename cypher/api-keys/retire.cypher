// A rotated key: it names its successor and stops working at $until (or earlier if it already would).
MATCH (k:ApiKey {id: $id})
SET k.replacedBy = $successor,
    k.expiresAt = CASE WHEN k.expiresAt IS NOT NULL AND k.expiresAt < $until THEN k.expiresAt ELSE $until END
RETURN k {.id, .name, .role, .entity, .createdAt, .expiresAt, .lastUsedAt, .revokedAt, .replacedBy} AS key
