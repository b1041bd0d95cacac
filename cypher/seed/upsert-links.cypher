// Upserts the links of one kind, one row per link: {from, to, status, props}. $type, $fromLabel and
// $toLabel come from the link registry (src/domain/links.ts) or the structural links of the loader.
// status, createdAt and createdBy are set only when the link is created: after that the status
// belongs to the review workflow, so re-seeding never re-proposes an endorsed or retired link.
// Ends are found through the RoadmapNode id index (migration 004), not by a dynamic label.
// Curated data wins (outcome 'curated', nothing written): a link an API write touched (curatedAt or
// updatedAt set) is left as curated, and so is a row naming an end that curation retired,
// renumbered or merged away (a RetiredGdcCommitment / RetiredEntity tombstone holds its id).
UNWIND $rows AS row
CALL (row) {
  MATCH (source:RoadmapNode {id: row.from}) WHERE $fromLabel IN labels(source)
  MATCH (target:RoadmapNode {id: row.to}) WHERE $toLabel IN labels(target)
  OPTIONAL MATCH (source)-[existing:$($type)]->(target)
  WITH row, source, target, head(collect(existing)) AS existing
  WITH row, source, target, CASE
    WHEN existing IS NULL THEN 'created'
    WHEN existing.curatedAt IS NOT NULL OR existing.updatedAt IS NOT NULL THEN 'curated'
    WHEN all(key IN keys(row.props) WHERE coalesce(existing[key] = row.props[key], existing[key] IS NULL AND row.props[key] IS NULL)) THEN 'unchanged'
    ELSE 'updated'
  END AS outcome
  FOREACH (_ IN CASE WHEN outcome = 'curated' THEN [] ELSE [1] END |
    MERGE (source)-[link:$($type)]->(target)
    ON CREATE SET link.status = row.status, link.createdAt = $now, link.createdBy = 'seed'
    SET link += row.props
  )
  RETURN outcome
  UNION
  WITH row
  WHERE EXISTS { MATCH (:RetiredGdcCommitment {id: row.from}) WHERE $fromLabel = 'GdcCommitment' }
     OR EXISTS { MATCH (:RetiredEntity {id: row.from}) WHERE $fromLabel = 'Entity' }
     OR EXISTS { MATCH (:RetiredGdcCommitment {id: row.to}) WHERE $toLabel = 'GdcCommitment' }
     OR EXISTS { MATCH (:RetiredEntity {id: row.to}) WHERE $toLabel = 'Entity' }
  RETURN 'curated' AS outcome
}
RETURN outcome, count(*) AS rows
