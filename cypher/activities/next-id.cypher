// The number of the next activity id (A<n>): one more than the highest in use. Run under the
// write path's revision lock, so two creates cannot pick the same number.
OPTIONAL MATCH (a:Activity)
RETURN coalesce(max(toInteger(substring(a.id, 1))), 0) + 1 AS next
