// The first statement of a consistent read's rehearsal (src/db/consistency.ts), in a transaction
// that is always rolled back: what runs after it is planned as after a write, like the queries of
// a read under the revision lock. Nothing is ever committed; no lock anyone waits for is taken.
CREATE ()
