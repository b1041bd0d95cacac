// Upserts the nodes of one label ($label, from the loader's plan) from their seed file, one row per
// record: {id, props}. Reports per row whether the node was created, changed (updated) or already as
// seeded (unchanged); a property the seed sets to null counts as equal to an absent one.
// Curated data wins (outcome 'curated', nothing written): a node an API write created, changed or
// verified (curatedAt or updatedAt set) keeps every property, and an id curation retired, renumbered
// or merged away (a RetiredGdcCommitment / RetiredEntity tombstone holds it) is not brought back.
UNWIND $rows AS row
OPTIONAL MATCH (existing:RoadmapNode {id: row.id}) WHERE $label IN labels(existing)
WITH row, existing, CASE
  WHEN EXISTS { MATCH (:RetiredGdcCommitment {id: row.id}) WHERE $label = 'GdcCommitment' }
    OR EXISTS { MATCH (:RetiredEntity {id: row.id}) WHERE $label = 'Entity' } THEN 'curated'
  WHEN existing IS NULL THEN 'created'
  WHEN existing.curatedAt IS NOT NULL OR existing.updatedAt IS NOT NULL THEN 'curated'
  WHEN all(key IN keys(row.props) WHERE coalesce(existing[key] = row.props[key], existing[key] IS NULL AND row.props[key] IS NULL)) THEN 'unchanged'
  ELSE 'updated'
END AS outcome
// MERGE on a dynamic label would scan every node (Neo4j 5.26): create the missing node, then find it
// (or the existing one) through the RoadmapNode id index.
FOREACH (_ IN CASE WHEN outcome = 'created' THEN [1] ELSE [] END | CREATE (:$($label):RoadmapNode {id: row.id}))
WITH row, outcome
CALL (row, outcome) {
  MATCH (node:RoadmapNode {id: row.id}) WHERE $label IN labels(node) AND outcome <> 'curated'
  SET node += row.props
}
RETURN outcome, count(*) AS rows
