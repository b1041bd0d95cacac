// Gap kind "aligned-pairs-without-shared-entity": ALIGNS_WITH pairs (line, commitment) with status
// in $active where no entity both FACILITATES the line and is RESPONSIBLE_FOR the commitment (any
// role, status in $active). Order: line (natural), commitment paragraph, letter, id; one row per
// pair, the page $offset.. ($limit rows; null = all). Facilitators and responsible entities are
// looked up for the page only.
MATCH (a:ActionLine)-[l:ALIGNS_WITH]->(c:GdcCommitment)
WHERE l.status IN $active
  AND NOT EXISTS {
    MATCH (e:Entity)-[f:FACILITATES]->(a)
    WHERE f.status IN $active AND EXISTS { MATCH (e)-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $active }
  }
WITH a, c
ORDER BY a.sortKey, a.id,
         c.paragraph, coalesce(c.letter, ''), c.id
SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
RETURN a.id AS actionLine, c.id AS commitment, c.label AS commitmentLabel,
       COLLECT { MATCH (e:Entity)-[f:FACILITATES]->(a) WHERE f.status IN $active RETURN DISTINCT e.id AS id ORDER BY id } AS facilitators,
       COLLECT { MATCH (e:Entity)-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $active RETURN DISTINCT e.id AS id ORDER BY id } AS responsible
