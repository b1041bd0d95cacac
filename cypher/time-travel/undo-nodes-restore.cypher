// Inside a time-travel transaction that is always rolled back: puts entities and commitments back
// as they were. $restore: [{family, id, exact, labels, dropLabels, props, under}]. With `exact` (a
// curation record): the node gets exactly these labels (a tombstone becomes live again), these
// properties and this UNDER link (commitments); otherwise only these properties are set (an edit
// record holds the editable fields). The node is found live or under its tombstone label; labels
// come from the change log's records, never from user input.
UNWIND $restore AS n
CALL (n) {
  OPTIONAL MATCH (live:RoadmapNode {id: n.id}) USING INDEX live:RoadmapNode(id) WHERE n.family IN labels(live)
  OPTIONAL MATCH (goneEntity:RetiredEntity {id: n.id}) WHERE n.family = 'Entity'
  OPTIONAL MATCH (goneCommitment:RetiredGdcCommitment {id: n.id}) WHERE n.family = 'GdcCommitment'
  RETURN coalesce(live, goneEntity, goneCommitment) AS node
}
WITH n, node WHERE node IS NOT NULL
FOREACH (_ IN CASE WHEN n.exact THEN [1] ELSE [] END |
  REMOVE node:$(n.dropLabels)
  SET node:$(n.labels)
  SET node = n.props
)
FOREACH (_ IN CASE WHEN n.exact THEN [] ELSE [1] END | SET node += n.props)
WITH n, node
CALL (n, node) {
  WITH n, node WHERE n.exact AND n.family = 'GdcCommitment'
  OPTIONAL MATCH (node)-[u:UNDER]->(:GdcObjective)
  DELETE u
}
CALL (n, node) {
  WITH n, node WHERE n.exact AND n.under IS NOT NULL
  MATCH (o:GdcObjective {id: n.under.objective})
  CREATE (node)-[u:UNDER]->(o)
  SET u = n.under.props
}
RETURN count(node) AS restored
