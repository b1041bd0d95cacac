// Write phase 3 of 3 (its own transaction, after phase 2 committed or failed): removes the
// writer's $entries from `pending`, so readers trust what they read again. An empty list is
// removed altogether (a quiet graph carries no trace of past writes in flight).
MATCH (r:GraphRevision {id: 'graph'})
WITH r, [p IN coalesce(r.pending, []) WHERE NOT p IN $entries] AS left
SET r.pending = CASE WHEN size(left) = 0 THEN null ELSE left END
RETURN size(left) AS pending
