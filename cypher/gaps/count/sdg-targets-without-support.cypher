// How many items gap kind "sdg-targets-without-support" has (see cypher/gaps/sdg-targets-without-support.cypher): the same filter,
// counted without building a list. Links count when their status is in $active.
RETURN COUNT {
  MATCH (t:SdgTarget)-[:OF]->(:Sdg)
  WHERE NOT EXISTS { MATCH (:ActionLine)-[s:SUPPORTS]->(t) WHERE s.status IN $active }
} AS total
