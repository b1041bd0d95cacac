// Write phase 2 of 3 starts here: takes the write lock on the graph revision node without changing
// it (setting and removing a marker property locks the node until commit or rollback). Writers
// therefore apply their changes one at a time, and the revision each reads next is the committed
// one. `pending` lets the writer check that its phase-1 entry is still there.
MERGE (r:GraphRevision {id: 'graph'})
ON CREATE SET r.value = 0
SET r._lock = true
REMOVE r._lock
RETURN r.value AS revision, coalesce(r.pending, []) AS pending
