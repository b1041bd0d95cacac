// How many items gap kind "aligned-pairs-without-shared-entity" has (see cypher/gaps/aligned-pairs-without-shared-entity.cypher): the same filter,
// counted without building a list. Links count when their status is in $active.
// The shared-entity check starts from the commitment's few RESPONSIBLE_FOR links (not the line's many).
RETURN COUNT {
  MATCH (a:ActionLine)-[l:ALIGNS_WITH]->(c:GdcCommitment)
  WHERE l.status IN $active
    AND NOT EXISTS {
      MATCH (c)<-[r:RESPONSIBLE_FOR]-(e:Entity)-[f:FACILITATES]->(a)
      WHERE r.status IN $active AND f.status IN $active
    }
} AS total
