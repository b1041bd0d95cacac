// Upserts (:Sdg) nodes from seed/sdgs.json, one row per record: {id, props}.
// Reports per row whether the node was created, changed (updated) or already as seeded (unchanged);
// a property the seed sets to null counts as equal to an absent one.
UNWIND $rows AS row
OPTIONAL MATCH (existing:Sdg {id: row.id})
WITH row, CASE
  WHEN existing IS NULL THEN 'created'
  WHEN all(key IN keys(row.props) WHERE coalesce(existing[key] = row.props[key], existing[key] IS NULL AND row.props[key] IS NULL)) THEN 'unchanged'
  ELSE 'updated'
END AS outcome
MERGE (node:Sdg {id: row.id})
SET node += row.props
RETURN outcome, count(*) AS rows
