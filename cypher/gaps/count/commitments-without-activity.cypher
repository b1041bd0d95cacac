// How many items gap kind "commitments-without-activity" has (see cypher/gaps/commitments-without-activity.cypher).
RETURN COUNT {
  MATCH (c:GdcCommitment)-[:UNDER]->(:GdcObjective)
  WHERE NOT EXISTS { (:Activity)-[:SERVES]->(c) }
} AS total
