// Upserts the nodes of one label ($label, from the loader's plan) from their seed file, one row per
// record: {id, props}. Reports per row whether the node was created, changed (updated) or already as
// seeded (unchanged); a property the seed sets to null counts as equal to an absent one.
UNWIND $rows AS row
OPTIONAL MATCH (existing:RoadmapNode {id: row.id}) WHERE $label IN labels(existing)
WITH row, existing, CASE
  WHEN existing IS NULL THEN 'created'
  WHEN all(key IN keys(row.props) WHERE coalesce(existing[key] = row.props[key], existing[key] IS NULL AND row.props[key] IS NULL)) THEN 'unchanged'
  ELSE 'updated'
END AS outcome
// MERGE on a dynamic label would scan every node (Neo4j 5.26): create the missing node, then find it
// (or the existing one) through the RoadmapNode id index.
FOREACH (_ IN CASE WHEN existing IS NULL THEN [1] ELSE [] END | CREATE (:$($label):RoadmapNode {id: row.id}))
WITH row, outcome
MATCH (node:RoadmapNode {id: row.id}) WHERE $label IN labels(node)
SET node += row.props
RETURN outcome, count(*) AS rows
