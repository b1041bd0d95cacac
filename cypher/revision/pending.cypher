// How many writes are between their announcement and their settlement (see revision/value): read
// after the revision when a consistent read opens, before it when the read closes.
OPTIONAL MATCH (r:GraphRevision {id: 'graph'})
RETURN size(coalesce(r.pending, [])) AS pending
