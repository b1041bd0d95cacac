// How many items gap kind "aligned-pairs-without-shared-entity" has (see cypher/gaps/aligned-pairs-without-shared-entity.cypher): the same filter,
// counted without building a list. Links count when their status is in $active.
RETURN COUNT {
  MATCH (a:ActionLine)-[l:ALIGNS_WITH]->(c:GdcCommitment)
  WHERE l.status IN $active
    AND NOT EXISTS {
      MATCH (e:Entity)-[f:FACILITATES]->(a)
      WHERE f.status IN $active AND EXISTS { MATCH (e)-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $active }
    }
} AS total
