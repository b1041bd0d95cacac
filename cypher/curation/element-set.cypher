// Sets properties ($props; null removes one) on one verifiable element ($element as in element-get.cypher).
WITH $element AS k
CALL (k) {
  MATCH (n:GdcCommitment {id: k.from}) WHERE k.type = 'GdcCommitment' SET n += $props
}
CALL (k) {
  MATCH (n:Entity {id: k.from}) WHERE k.type = 'Entity' SET n += $props
}
CALL (k) {
  MATCH (:Entity {id: k.from})-[r:FACILITATES]->(:ActionLine {id: k.to}) WHERE k.type = 'FACILITATES' SET r += $props
}
CALL (k) {
  MATCH (:Entity {id: k.from})-[r:RESPONSIBLE_FOR]->(:GdcCommitment {id: k.to}) WHERE k.type = 'RESPONSIBLE_FOR' SET r += $props
}
CALL (k) {
  MATCH (:ActionLine {id: k.from})-[r:ALIGNS_WITH]->(:GdcCommitment {id: k.to}) WHERE k.type = 'ALIGNS_WITH' SET r += $props
}
CALL (k) {
  MATCH (:ActionLine {id: k.from})-[r:SUPPORTS]->(:SdgTarget {id: k.to}) WHERE k.type = 'SUPPORTS_TARGET' SET r += $props
}
CALL (k) {
  MATCH (:ActionLine {id: k.from})-[r:SUPPORTS]->(:Sdg {id: k.to}) WHERE k.type = 'SUPPORTS_GOAL' SET r += $props
}
CALL (k) {
  MATCH (:GdcCommitment {id: k.from})-[r:CONTRIBUTES_TO]->(:Sdg {id: k.to}) WHERE k.type = 'CONTRIBUTES_TO' SET r += $props
}
RETURN k.type AS type
