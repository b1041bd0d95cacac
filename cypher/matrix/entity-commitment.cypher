// Matrix family "entity-commitment" (gdc-commitments / gdc-objectives × entities and transposes):
// one row per RESPONSIBLE_FOR link with a status in $statuses, in row order (commitment, then
// entity). $objective / $entity (null = no filter) narrow the ends as the member queries do.
MATCH (e:Entity)-[r:RESPONSIBLE_FOR]->(c:GdcCommitment)-[:UNDER]->(o:GdcObjective)
WHERE r.status IN $statuses
  AND ($objective IS NULL OR o.id = $objective)
  AND ($entity IS NULL OR e.id = $entity)
WITH e, r, c, o
ORDER BY c.paragraph, coalesce(c.letter, ''), c.id, e.id
RETURN 'RESPONSIBLE_FOR' AS type, r.status AS status, r.role AS role, null AS via, false AS derived,
       {document: r.sourceDocument, locator: r.sourceLocator, url: r.sourceUrl} AS source,
       c.id AS commitment, o.id AS objective, e.id AS entity, [{id: e.id, role: r.role}] AS entities
