// A consistent read's checks (src/db/consistency.ts) read the revision and the announced writes in
// two statements, in a fixed order: this one first when opening, last when closing. 0 before
// anything was ever written.
OPTIONAL MATCH (r:GraphRevision {id: 'graph'})
RETURN coalesce(r.value, 0) AS revision
