// Inside a time-travel transaction that is always rolled back: puts links back as they were.
// $restore: [{type, fromLabel, toLabel, from, to, props, exact}]: with `exact` the link gets
// exactly these properties (a curation record holds the whole set); otherwise these properties are
// set and the others kept (an edit record holds the fields reads show). Ends as in
// undo-links-remove.cypher; by now every end carries the labels it had then.
UNWIND $restore AS k
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
WITH k, a, b WHERE a IS NOT NULL AND b IS NOT NULL
MERGE (a)-[r:$(k.type)]->(b)
FOREACH (_ IN CASE WHEN k.exact THEN [1] ELSE [] END | SET r = k.props)
FOREACH (_ IN CASE WHEN k.exact THEN [] ELSE [1] END | SET r += k.props)
RETURN count(r) AS restored
