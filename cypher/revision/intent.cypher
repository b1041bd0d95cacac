// Write phase 1 of 3 (its own transaction, committed before the change runs): announces a write by
// adding $entry ("<epoch ms>:<uuid>") to the revision node's `pending` list. Readers that see a
// non-empty list do not trust what they read (see src/db/consistency.ts). Entries older than
// $staleBefore (a writer that died between its phases) and this process's $abandoned entries are
// dropped; that is safe because phase 2 re-checks its entry under this node's write lock.
MERGE (r:GraphRevision {id: 'graph'})
ON CREATE SET r.value = 0
SET r.pending = [p IN coalesce(r.pending, [])
                 WHERE toInteger(split(p, ':')[0]) >= $staleBefore AND NOT p IN $abandoned] + [$entry]
RETURN r.value AS revision
