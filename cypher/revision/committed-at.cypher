// When revision $revision was committed: the time on its Change records (every write, the seed
// included, records one). Null for revision 0, an empty graph nothing has written yet.
OPTIONAL MATCH (c:Change {revision: $revision})
RETURN max(c.at) AS at
