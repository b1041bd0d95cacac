// SDG labels in $language where the graph has them (shortTitle_<lang>, title_<lang>), else English.
// Matrix family "line-sdg" (action-lines × sdgs): per line and goal, the direct SUPPORTS→Sdg links,
// the SUPPORTS→SdgTarget links rolled up to the target's goal (via = target), and with $derived the
// two-hop paths line ALIGNS_WITH commitment CONTRIBUTES_TO goal (via = commitment, derived), in one
// round trip. A path counts only when both hops have a status in $statuses; its status is the
// weakest of the two (proposed < endorsed). $goal / $objective / $entity narrow the member sets
// (lines, goals, and the hop commitments). Each link carries the line's facilitators.
CALL () {
  MATCH (a:ActionLine)
  WHERE $entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity})-[f:FACILITATES]->(a) WHERE f.status IN $statuses }
  WITH a ORDER BY a.sortKey
  RETURN collect(a {.id, label: a.title}) AS lines
}
CALL () {
  MATCH (g:Sdg)
  WHERE $goal IS NULL OR g.id = $goal
  WITH g ORDER BY toInteger(g.id)
  RETURN collect(g {.id, label: coalesce(g['shortTitle_' + $language], g.shortTitle)}) AS sdgs
}
CALL () {
  MATCH (c:GdcCommitment)-[:UNDER]->(o:GdcObjective)
  WHERE $derived
    AND ($objective IS NULL OR o.id = $objective)
    AND ($entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity})-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $statuses })
  RETURN collect(c.id) AS commitmentIds
}
WITH lines, sdgs, commitmentIds, [x IN lines | x.id] AS lineIds, [x IN sdgs | x.id] AS goalIds
CALL (lineIds, goalIds, commitmentIds) {
  CALL (lineIds, goalIds, commitmentIds) {
    MATCH (a:ActionLine)-[s:SUPPORTS]->(g:Sdg)
    WHERE s.status IN $statuses AND a.id IN lineIds AND g.id IN goalIds
    RETURN a, s AS l, g, null AS via, s.status AS status, false AS derived, 'SUPPORTS' AS type,
           0 AS kind, 0 AS viaOrder, '' AS viaKey
    UNION ALL
    MATCH (a:ActionLine)-[s:SUPPORTS]->(t:SdgTarget)-[:OF]->(g:Sdg)
    WHERE s.status IN $statuses AND a.id IN lineIds AND g.id IN goalIds
    WITH a, s, t, g, split(t.id, '.')[1] AS suffix
    RETURN a, s AS l, g, t.id AS via, s.status AS status, false AS derived, 'SUPPORTS' AS type,
           1 AS kind, CASE WHEN suffix =~ '[0-9]+' THEN toInteger(suffix) ELSE 1000 END AS viaOrder, suffix AS viaKey
    UNION ALL
    MATCH (a:ActionLine)-[l:ALIGNS_WITH]->(c:GdcCommitment)-[k:CONTRIBUTES_TO]->(g:Sdg)
    WHERE $derived AND l.status IN $statuses AND k.status IN $statuses
      AND a.id IN lineIds AND g.id IN goalIds AND c.id IN commitmentIds
    RETURN a, l, g, c.id AS via,
           CASE WHEN 'retired' IN [l.status, k.status] THEN 'retired'
                WHEN 'proposed' IN [l.status, k.status] THEN 'proposed' ELSE 'endorsed' END AS status,
           true AS derived, 'ALIGNS_WITH+CONTRIBUTES_TO' AS type,
           2 AS kind, c.paragraph AS viaOrder, coalesce(c.letter, '') AS viaKey
  }
  WITH a, l, g, via, status, derived, type, kind, viaOrder, viaKey
  ORDER BY a.sortKey,
           toInteger(g.id), kind, viaOrder, viaKey
  RETURN collect({
    type: type, status: status, role: null, via: via, derived: derived,
    source: {document: l.sourceDocument, locator: l.sourceLocator, url: l.sourceUrl},
    line: a.id, sdg: g.id,
    entities: COLLECT {
      MATCH (e:Entity)-[f:FACILITATES]->(a)
      WHERE f.status IN $statuses AND ($entity IS NULL OR e.id = $entity)
      RETURN {id: e.id, role: f.role}
    }
  }) AS links
}
OPTIONAL MATCH (rev:GraphRevision {id: 'graph'})
RETURN {lines: lines, sdgs: sdgs} AS sets, links,
       $entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity}) } AS entityKnown,
       coalesce(rev.value, 0) AS revision
