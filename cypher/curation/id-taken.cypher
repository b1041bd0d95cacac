// Whether an id is used by a live node or a tombstone of the given kind ($kind: GdcCommitment or Entity).
RETURN CASE $kind
  WHEN 'GdcCommitment' THEN EXISTS { MATCH (:GdcCommitment {id: $id}) } OR EXISTS { MATCH (:RetiredGdcCommitment {id: $id}) }
  WHEN 'Entity' THEN EXISTS { MATCH (:Entity {id: $id}) } OR EXISTS { MATCH (:RetiredEntity {id: $id}) }
END AS taken
