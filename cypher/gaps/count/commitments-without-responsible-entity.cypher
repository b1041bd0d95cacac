// How many items gap kind "commitments-without-responsible-entity" has (see cypher/gaps/commitments-without-responsible-entity.cypher): the same filter,
// counted without building a list. Links count when their status is in $active.
RETURN COUNT {
  MATCH (c:GdcCommitment)-[:UNDER]->(:GdcObjective)
  WHERE NOT EXISTS { MATCH (:Entity)-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $active }
} AS total
