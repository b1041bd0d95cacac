// The current state of the given links, one row per link that exists.
// $keys: [{kind, from, to}], kind = FACILITATES (Entity→ActionLine), RESPONSIBLE_FOR
// (Entity→GdcCommitment), ALIGNS_WITH (ActionLine→GdcCommitment), SUPPORTS_TARGET
// (ActionLine→SdgTarget) or SUPPORTS_GOAL (ActionLine→Sdg). Relationship types cannot be
// parameters, so each kind has its own branch.
UNWIND $keys AS k
CALL (k) {
  MATCH (:Entity {id: k.from})-[r:FACILITATES]->(:ActionLine {id: k.to}) WHERE k.kind = 'FACILITATES' RETURN r
  UNION
  MATCH (:Entity {id: k.from})-[r:RESPONSIBLE_FOR]->(:GdcCommitment {id: k.to}) WHERE k.kind = 'RESPONSIBLE_FOR' RETURN r
  UNION
  MATCH (:ActionLine {id: k.from})-[r:ALIGNS_WITH]->(:GdcCommitment {id: k.to}) WHERE k.kind = 'ALIGNS_WITH' RETURN r
  UNION
  MATCH (:ActionLine {id: k.from})-[r:SUPPORTS]->(:SdgTarget {id: k.to}) WHERE k.kind = 'SUPPORTS_TARGET' RETURN r
  UNION
  MATCH (:ActionLine {id: k.from})-[r:SUPPORTS]->(:Sdg {id: k.to}) WHERE k.kind = 'SUPPORTS_GOAL' RETURN r
}
RETURN k.kind AS kind, k.from AS from, k.to AS to,
       r {.role, .status, .rationale, .sourceDocument, .sourceLocator, .sourceUrl,
          .createdAt, .createdBy, .updatedAt, .updatedBy} AS props
