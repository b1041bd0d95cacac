// Inside a time-travel transaction that is always rolled back: removes the links that did not exist
// then. $remove: [{type, fromLabel, toLabel, from, to}] (labels and type from the link registry).
// An end is found by id through the RoadmapNode index (migration 004) or, when curation has retired
// it since, under its tombstone label (migration 007's constraints index those ids).
UNWIND $remove AS k
CALL (k) {
  OPTIONAL MATCH (live:RoadmapNode {id: k.from}) USING INDEX live:RoadmapNode(id) WHERE k.fromLabel IN labels(live)
  OPTIONAL MATCH (goneEntity:RetiredEntity {id: k.from}) WHERE k.fromLabel = 'Entity'
  OPTIONAL MATCH (goneCommitment:RetiredGdcCommitment {id: k.from}) WHERE k.fromLabel = 'GdcCommitment'
  RETURN coalesce(live, goneEntity, goneCommitment) AS a
}
CALL (k) {
  OPTIONAL MATCH (live:RoadmapNode {id: k.to}) USING INDEX live:RoadmapNode(id) WHERE k.toLabel IN labels(live)
  OPTIONAL MATCH (goneCommitment:RetiredGdcCommitment {id: k.to}) WHERE k.toLabel = 'GdcCommitment'
  RETURN coalesce(live, goneCommitment) AS b
}
MATCH (a)-[r:$(k.type)]->(b)
DELETE r
RETURN count(*) AS removed
