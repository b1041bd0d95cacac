// One entity or commitment exactly as stored, live or under its tombstone label, for the replay
// record a curation write keeps: labels, every property (and which are integers, so a restore
// writes integers back), its UNDER link (commitments). No row when the id was never used.
// $family (Entity or GdcCommitment) is chosen by the caller, never taken from input.
OPTIONAL MATCH (live:RoadmapNode {id: $id}) USING INDEX live:RoadmapNode(id) WHERE $family IN labels(live)
OPTIONAL MATCH (goneEntity:RetiredEntity {id: $id}) WHERE $family = 'Entity'
OPTIONAL MATCH (goneCommitment:RetiredGdcCommitment {id: $id}) WHERE $family = 'GdcCommitment'
WITH coalesce(live, goneEntity, goneCommitment) AS n
WHERE n IS NOT NULL
OPTIONAL MATCH (n)-[u:UNDER]->(o:GdcObjective)
RETURN {
  labels: COLLECT { UNWIND labels(n) AS l RETURN l ORDER BY l },
  props: properties(n),
  ints: [k IN keys(n) WHERE valueType(n[k]) STARTS WITH 'INTEGER'],
  under: CASE WHEN o IS NULL THEN null ELSE {objective: o.id, props: properties(u)} END
} AS snapshot
