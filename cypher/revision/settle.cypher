// Write phase 3 of 3 (its own transaction, after phase 2 committed or failed): removes the
// writer's $entries from `pending`, so readers trust what they read again. An empty list is
// removed altogether (a quiet graph carries no trace of past writes in flight).
// The write lock is taken BEFORE `pending` is read (see revision/intent): reading the list first
// would let this write-back drop an entry another writer announced in between, or bring back one
// another writer had just settled.
MATCH (r:GraphRevision {id: 'graph'})
SET r._lock = true
REMOVE r._lock
WITH r
WITH r, [p IN coalesce(r.pending, []) WHERE NOT p IN $entries] AS left
SET r.pending = CASE WHEN size(left) = 0 THEN null ELSE left END
RETURN size(left) AS pending
