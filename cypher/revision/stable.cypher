// What a reader checks before and after reading data (src/db/consistency.ts): the revision and
// how many writes are between their announcement and their settlement.
OPTIONAL MATCH (r:GraphRevision {id: 'graph'})
RETURN coalesce(r.value, 0) AS revision, size(coalesce(r.pending, [])) AS pending
