// A reader's fallback (and a backup's dump): takes the write lock on the graph revision node
// without changing anything, like every write's phase 2 does first. While it is held no write
// applies, and every write that committed before is fully visible. Nothing is created on an
// empty graph.
OPTIONAL MATCH (r:GraphRevision {id: 'graph'})
CALL (r) {
  WITH r WHERE r IS NOT NULL
  SET r._lock = true
  REMOVE r._lock
}
RETURN coalesce(r.value, 0) AS revision
