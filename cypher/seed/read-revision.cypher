// The current graph revision; 0 before anything was ever written.
OPTIONAL MATCH (revision:GraphRevision {id: 'graph'})
RETURN coalesce(revision.value, 0) AS revision
