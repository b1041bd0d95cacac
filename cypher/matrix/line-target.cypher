// Matrix family "line-target" (action-lines × sdg-targets): one row per SUPPORTS→SdgTarget link
// with a status in $statuses, in row order (line, then goal and target number). Goal-level SUPPORTS
// are not pushed down to targets. $goal / $entity (null = no filter) narrow the ends as the member
// queries do. Each link carries the line's facilitators (statuses in $statuses).
MATCH (a:ActionLine)-[s:SUPPORTS]->(t:SdgTarget)-[:OF]->(g:Sdg)
WHERE s.status IN $statuses
  AND ($goal IS NULL OR g.id = $goal)
  AND ($entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity})-[f:FACILITATES]->(a) WHERE f.status IN $statuses })
WITH a, s, t, g, split(t.id, '.')[1] AS suffix
ORDER BY a.sortKey, a.id,
         toInteger(g.id), CASE WHEN suffix =~ '[0-9]+' THEN toInteger(suffix) ELSE 1000 END, suffix, t.id
RETURN 'SUPPORTS' AS type, s.status AS status, null AS role, null AS via, false AS derived,
       {document: s.sourceDocument, locator: s.sourceLocator, url: s.sourceUrl} AS source,
       a.id AS line, t.id AS target, g.id AS sdg,
       COLLECT {
         MATCH (e:Entity)-[f:FACILITATES]->(a)
         WHERE f.status IN $statuses AND ($entity IS NULL OR e.id = $entity)
         RETURN {id: e.id, role: f.role}
       } AS entities
