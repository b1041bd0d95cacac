// Records when keys were last used, in one batch (written off the request path, at most once a
// minute per key); never moves lastUsedAt back.
UNWIND $uses AS use
MATCH (k:ApiKey {id: use.id})
WHERE k.lastUsedAt IS NULL OR k.lastUsedAt < use.at
SET k.lastUsedAt = use.at
