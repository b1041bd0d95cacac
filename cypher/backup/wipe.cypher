// Restore --force (and a restore over migration records only): removes every node and relationship
// inside the restore's own transaction, so a failed restore leaves the old content in place.
MATCH (n)
DETACH DELETE n
