// Inside a time-travel transaction that is always rolled back: puts links back as they were.
// $remove: links that did not exist then; $restore: links with their whole property set then
// (keys as in cypher/links/get.cypher, labels and type from the link registry).
CALL () {
  UNWIND $remove AS k
  MATCH (:$(k.fromLabel) {id: k.from})-[r:$(k.type)]->(:$(k.toLabel) {id: k.to})
  DELETE r
  RETURN count(*) AS removed
}
CALL () {
  UNWIND $restore AS k
  MATCH (a:$(k.fromLabel) {id: k.from}), (b:$(k.toLabel) {id: k.to})
  MERGE (a)-[r:$(k.type)]->(b)
  SET r = k.props
  RETURN count(r) AS restored
}
RETURN removed, restored
