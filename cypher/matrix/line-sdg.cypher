// Matrix family "line-sdg" (action-lines × sdgs): one row per link, in row order (line, goal, then
// direct before target roll-ups before derived paths): the direct SUPPORTS→Sdg links, the
// SUPPORTS→SdgTarget links rolled up to the target's goal (via = target), and with $derived the
// two-hop paths line ALIGNS_WITH commitment CONTRIBUTES_TO goal (via = commitment, derived). A path
// counts only when both hops have a status in $statuses; its status is the weakest of the two
// (proposed < endorsed). $goal / $objective / $entity (null = no filter) narrow lines, goals and the
// hop commitments as the member queries do. Each link carries the line's facilitators.
CALL () {
  MATCH (a:ActionLine)-[s:SUPPORTS]->(g:Sdg)
  WHERE s.status IN $statuses
  RETURN a, s AS l, g, null AS via, s.status AS status, false AS derived, 'SUPPORTS' AS type,
         0 AS kind, 0 AS viaOrder, '' AS viaKey
  UNION ALL
  MATCH (a:ActionLine)-[s:SUPPORTS]->(t:SdgTarget)-[:OF]->(g:Sdg)
  WHERE s.status IN $statuses
  WITH a, s, t, g, split(t.id, '.')[1] AS suffix
  RETURN a, s AS l, g, t.id AS via, s.status AS status, false AS derived, 'SUPPORTS' AS type,
         1 AS kind, CASE WHEN suffix =~ '[0-9]+' THEN toInteger(suffix) ELSE 1000 END AS viaOrder, suffix AS viaKey
  UNION ALL
  MATCH (a:ActionLine)-[l:ALIGNS_WITH]->(c:GdcCommitment)-[k:CONTRIBUTES_TO]->(g:Sdg)
  WHERE $derived AND l.status IN $statuses AND k.status IN $statuses
    AND ($objective IS NULL OR EXISTS { MATCH (c)-[:UNDER]->(:GdcObjective {id: $objective}) })
    AND ($entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity})-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $statuses })
  RETURN a, l, g, c.id AS via,
         CASE WHEN 'retired' IN [l.status, k.status] THEN 'retired'
              WHEN 'proposed' IN [l.status, k.status] THEN 'proposed' ELSE 'endorsed' END AS status,
         true AS derived, 'ALIGNS_WITH+CONTRIBUTES_TO' AS type,
         2 AS kind, c.paragraph AS viaOrder, coalesce(c.letter, '') + c.id AS viaKey
}
WITH a, l, g, via, status, derived, type, kind, viaOrder, viaKey
WHERE ($goal IS NULL OR g.id = $goal)
  AND ($entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity})-[f:FACILITATES]->(a) WHERE f.status IN $statuses })
ORDER BY a.sortKey, a.id,
         toInteger(g.id), kind, viaOrder, viaKey
RETURN type, status, null AS role, via, derived,
       {document: l.sourceDocument, locator: l.sourceLocator, url: l.sourceUrl} AS source,
       a.id AS line, g.id AS sdg,
       COLLECT {
         MATCH (e:Entity)-[f:FACILITATES]->(a)
         WHERE f.status IN $statuses AND ($entity IS NULL OR e.id = $entity)
         RETURN {id: e.id, role: f.role}
       } AS entities
