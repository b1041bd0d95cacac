// The graph revision: a counter that every write advances in its own transaction.
// ETags derive from it, so every API instance agrees on them. 0 before the first write.
OPTIONAL MATCH (r:GraphRevision {id: 'graph'})
RETURN coalesce(r.value, 0) AS revision
