// Upserts the nodes of one label ($label, from the loader's plan) from their seed file, one row per
// record: {id, props}. Reports per row whether the node was created, changed (updated) or already as
// seeded (unchanged); a property the seed sets to null counts as equal to an absent one.
UNWIND $rows AS row
OPTIONAL MATCH (existing:$($label) {id: row.id})
WITH row, CASE
  WHEN existing IS NULL THEN 'created'
  WHEN all(key IN keys(row.props) WHERE coalesce(existing[key] = row.props[key], existing[key] IS NULL AND row.props[key] IS NULL)) THEN 'unchanged'
  ELSE 'updated'
END AS outcome
MERGE (node:$($label) {id: row.id})
SET node += row.props
RETURN outcome, count(*) AS rows
