// Advances the graph revision inside the caller's write transaction and returns the new value.
// The MERGE takes a write lock on the single revision node, so concurrent writers serialise here.
MERGE (r:GraphRevision {id: 'graph'})
ON CREATE SET r.value = 0
SET r.value = r.value + 1
RETURN r.value AS revision
