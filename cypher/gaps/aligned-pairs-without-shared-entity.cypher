// Gap kind "aligned-pairs-without-shared-entity": ALIGNS_WITH pairs (line, commitment) with status
// in $active where no entity both FACILITATES the line and is RESPONSIBLE_FOR the commitment (any
// role, status in $active). Order: line (natural), commitment paragraph, letter, id; one row per
// pair, the page $offset.. ($limit rows; null = all). Facilitators and responsible entities are
// looked up for the page only.
// Lines are read in the order key's index order (every line has one: seed loader, start-up), so the
// page stops after $offset + $limit pairs. The shared-entity check starts from the commitment's
// few RESPONSIBLE_FOR links, not from the line's many links.
MATCH (a:ActionLine)-[l:ALIGNS_WITH]->(c:GdcCommitment)
WHERE a.sortKey IS NOT NULL
  AND l.status IN $active
  AND NOT EXISTS {
    MATCH (c)<-[r:RESPONSIBLE_FOR]-(e:Entity)-[f:FACILITATES]->(a)
    WHERE r.status IN $active AND f.status IN $active
  }
WITH a, c
ORDER BY a.sortKey, a.id,
         c.paragraph, coalesce(c.letter, ''), c.id
SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
RETURN a.id AS actionLine, c.id AS commitment, c.label AS commitmentLabel,
       COLLECT { MATCH (e:Entity)-[f:FACILITATES]->(a) WHERE f.status IN $active RETURN DISTINCT e.id AS id ORDER BY id } AS facilitators,
       COLLECT { MATCH (e:Entity)-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $active RETURN DISTINCT e.id AS id ORDER BY id } AS responsible
