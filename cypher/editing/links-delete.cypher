// Deletes links inside the caller's write transaction. $keys: [{kind, from, to}] as in links-get.cypher.
UNWIND $keys AS k
CALL (k) {
  MATCH (:Entity {id: k.from})-[r:FACILITATES]->(:ActionLine {id: k.to}) WHERE k.kind = 'FACILITATES' DELETE r
}
CALL (k) {
  MATCH (:Entity {id: k.from})-[r:RESPONSIBLE_FOR]->(:GdcCommitment {id: k.to}) WHERE k.kind = 'RESPONSIBLE_FOR' DELETE r
}
CALL (k) {
  MATCH (:ActionLine {id: k.from})-[r:ALIGNS_WITH]->(:GdcCommitment {id: k.to}) WHERE k.kind = 'ALIGNS_WITH' DELETE r
}
CALL (k) {
  MATCH (:ActionLine {id: k.from})-[r:SUPPORTS]->(:SdgTarget {id: k.to}) WHERE k.kind = 'SUPPORTS_TARGET' DELETE r
}
CALL (k) {
  MATCH (:ActionLine {id: k.from})-[r:SUPPORTS]->(:Sdg {id: k.to}) WHERE k.kind = 'SUPPORTS_GOAL' DELETE r
}
RETURN count(k) AS rows
