// Write phase 3 of 3 (its own transaction, after phase 2 committed or failed): removes the
// writer's $entries from `pending`, so readers trust what they read again.
MATCH (r:GraphRevision {id: 'graph'})
SET r.pending = [p IN coalesce(r.pending, []) WHERE NOT p IN $entries]
RETURN size(r.pending) AS pending
