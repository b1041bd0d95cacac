// Creates or updates links inside the caller's write transaction. $rows: [{kind, from, to, props}]
// (kinds as in links-get.cypher); props are the link's properties, already merged with its current
// state by the caller (a null value removes a property, e.g. a cleared rationale).
UNWIND $rows AS row
CALL (row) {
  MATCH (e:Entity {id: row.from}), (a:ActionLine {id: row.to}) WHERE row.kind = 'FACILITATES'
  MERGE (e)-[r:FACILITATES]->(a)
  SET r += row.props
}
CALL (row) {
  MATCH (e:Entity {id: row.from}), (c:GdcCommitment {id: row.to}) WHERE row.kind = 'RESPONSIBLE_FOR'
  MERGE (e)-[r:RESPONSIBLE_FOR]->(c)
  SET r += row.props
}
CALL (row) {
  MATCH (a:ActionLine {id: row.from}), (c:GdcCommitment {id: row.to}) WHERE row.kind = 'ALIGNS_WITH'
  MERGE (a)-[r:ALIGNS_WITH]->(c)
  SET r += row.props
}
CALL (row) {
  MATCH (a:ActionLine {id: row.from}), (t:SdgTarget {id: row.to}) WHERE row.kind = 'SUPPORTS_TARGET'
  MERGE (a)-[r:SUPPORTS]->(t)
  SET r += row.props
}
CALL (row) {
  MATCH (a:ActionLine {id: row.from}), (g:Sdg {id: row.to}) WHERE row.kind = 'SUPPORTS_GOAL'
  MERGE (a)-[r:SUPPORTS]->(g)
  SET r += row.props
}
RETURN count(row) AS rows
