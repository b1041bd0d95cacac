// Inside a time-travel transaction that is always rolled back: removes the entities and commitments
// created since ($remove: [{family, id}]), live or retired since, with their links (made later still).
UNWIND $remove AS n
CALL (n) {
  OPTIONAL MATCH (live:RoadmapNode {id: n.id}) USING INDEX live:RoadmapNode(id) WHERE n.family IN labels(live)
  OPTIONAL MATCH (goneEntity:RetiredEntity {id: n.id}) WHERE n.family = 'Entity'
  OPTIONAL MATCH (goneCommitment:RetiredGdcCommitment {id: n.id}) WHERE n.family = 'GdcCommitment'
  RETURN coalesce(live, goneEntity, goneCommitment) AS node
}
WITH node WHERE node IS NOT NULL
DETACH DELETE node
RETURN count(*) AS removed
