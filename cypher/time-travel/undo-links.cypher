// Inside a time-travel transaction that is always rolled back: puts links back as they were.
// $remove: links that did not exist then; $restore: links with their whole property set then
// (keys as in cypher/links/get.cypher, labels and type from the link registry). Ends are found
// through the RoadmapNode id index (migration 004), as every link write finds them.
CALL () {
  UNWIND $remove AS k
  MATCH (a:RoadmapNode {id: k.from}) USING INDEX a:RoadmapNode(id) WHERE k.fromLabel IN labels(a)
  MATCH (b:RoadmapNode {id: k.to}) USING INDEX b:RoadmapNode(id) WHERE k.toLabel IN labels(b)
  MATCH (a)-[r:$(k.type)]->(b)
  DELETE r
  RETURN count(*) AS removed
}
CALL () {
  UNWIND $restore AS k
  MATCH (a:RoadmapNode {id: k.from}) USING INDEX a:RoadmapNode(id) WHERE k.fromLabel IN labels(a)
  MATCH (b:RoadmapNode {id: k.to}) USING INDEX b:RoadmapNode(id) WHERE k.toLabel IN labels(b)
  MERGE (a)-[r:$(k.type)]->(b)
  SET r = k.props
  RETURN count(r) AS restored
}
RETURN removed, restored
