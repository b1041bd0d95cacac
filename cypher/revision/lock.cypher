// Takes the write lock on the graph revision node at the start of every write transaction, without
// changing it (setting and removing a marker property locks the node until commit or rollback).
// Writers therefore run one at a time, and the revision each reads next is the committed one.
MERGE (r:GraphRevision {id: 'graph'})
ON CREATE SET r.value = 0
SET r._lock = true
REMOVE r._lock
RETURN r.value AS revision
