// The properties of one verifiable element: a live node (GdcCommitment, Entity) or a roadmap link.
// $element: {type, from, to}: for a node, type is its label and from its id (to is null); for a link,
// type is FACILITATES | RESPONSIBLE_FOR | ALIGNS_WITH | SUPPORTS_TARGET | SUPPORTS_GOAL |
// CONTRIBUTES_TO and from/to its ends' ids. No row when it does not exist.
WITH $element AS k
CALL (k) {
  MATCH (n:GdcCommitment {id: k.from}) WHERE k.type = 'GdcCommitment' RETURN properties(n) AS props
  UNION
  MATCH (n:Entity {id: k.from}) WHERE k.type = 'Entity' RETURN properties(n) AS props
  UNION
  MATCH (:Entity {id: k.from})-[r:FACILITATES]->(:ActionLine {id: k.to}) WHERE k.type = 'FACILITATES' RETURN properties(r) AS props
  UNION
  MATCH (:Entity {id: k.from})-[r:RESPONSIBLE_FOR]->(:GdcCommitment {id: k.to}) WHERE k.type = 'RESPONSIBLE_FOR' RETURN properties(r) AS props
  UNION
  MATCH (:ActionLine {id: k.from})-[r:ALIGNS_WITH]->(:GdcCommitment {id: k.to}) WHERE k.type = 'ALIGNS_WITH' RETURN properties(r) AS props
  UNION
  MATCH (:ActionLine {id: k.from})-[r:SUPPORTS]->(:SdgTarget {id: k.to}) WHERE k.type = 'SUPPORTS_TARGET' RETURN properties(r) AS props
  UNION
  MATCH (:ActionLine {id: k.from})-[r:SUPPORTS]->(:Sdg {id: k.to}) WHERE k.type = 'SUPPORTS_GOAL' RETURN properties(r) AS props
  UNION
  MATCH (:GdcCommitment {id: k.from})-[r:CONTRIBUTES_TO]->(:Sdg {id: k.to}) WHERE k.type = 'CONTRIBUTES_TO' RETURN properties(r) AS props
}
RETURN props
