// Every API key, oldest first, one page plus the total; hashes are never returned.
MATCH (k:ApiKey)
WITH k ORDER BY k.createdAt, k.id
WITH collect(k) AS keys
RETURN size(keys) AS total,
       [k IN keys[$offset..($offset + $limit)] | k {.id, .name, .role, .entity, .createdAt, .expiresAt, .lastUsedAt, .revokedAt, .replacedBy}] AS items
