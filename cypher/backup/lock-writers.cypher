// Backup: takes the write lock on the graph revision node without changing it, like every roadmap
// write does first. Writers wait while the dump runs and every write committed before is visible,
// so the dump is one committed state. Nothing is created: an empty graph stays empty.
OPTIONAL MATCH (r:GraphRevision {id: 'graph'})
CALL (r) {
  WITH r WHERE r IS NOT NULL
  SET r._lock = true
  REMOVE r._lock
}
RETURN coalesce(r.value, 0) AS revision
