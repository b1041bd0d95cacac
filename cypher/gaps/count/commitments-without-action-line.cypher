// How many items gap kind "commitments-without-action-line" has (see cypher/gaps/commitments-without-action-line.cypher): the same filter,
// counted without building a list. Links count when their status is in $active.
RETURN COUNT {
  MATCH (c:GdcCommitment)-[:UNDER]->(:GdcObjective)
  WHERE NOT EXISTS { MATCH (:ActionLine)-[l:ALIGNS_WITH]->(c) WHERE l.status IN $active }
} AS total
