// Write phase 1 of 3 (its own transaction, committed before the change runs): announces a write by
// adding $entry ("<epoch ms>:<uuid>") to the revision node's `pending` list. Readers that see a
// non-empty list do not trust what they read (see src/db/consistency.ts). Entries older than
// $staleBefore (a writer that died between its phases) and this process's $abandoned entries are
// dropped; that is safe because phase 2 re-checks its entry under this node's write lock.
// The write lock is taken BEFORE `pending` is read (set and remove a marker): under read-committed
// isolation a list read first and written back later would drop entries other writers added
// meanwhile (a lost update).
MERGE (r:GraphRevision {id: 'graph'})
ON CREATE SET r.value = 0
SET r._lock = true
REMOVE r._lock
WITH r
SET r.pending = [p IN coalesce(r.pending, [])
                 WHERE toInteger(split(p, ':')[0]) >= $staleBefore AND NOT p IN $abandoned] + [$entry]
RETURN r.value AS revision
