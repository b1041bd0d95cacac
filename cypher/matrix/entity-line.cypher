// Matrix family "entity-line" (action-lines × entities and its transpose): one row per FACILITATES
// link with a status in $statuses, in row order (line, then entity). $entity (null = all) keeps
// that entity's links.
MATCH (e:Entity)-[f:FACILITATES]->(a:ActionLine)
WHERE f.status IN $statuses AND ($entity IS NULL OR e.id = $entity)
WITH e, f, a
ORDER BY a.sortKey, a.id, e.id
RETURN 'FACILITATES' AS type, f.status AS status, f.role AS role, null AS via, false AS derived,
       {document: f.sourceDocument, locator: f.sourceLocator, url: f.sourceUrl} AS source,
       a.id AS line, e.id AS entity, [{id: e.id, role: f.role}] AS entities
