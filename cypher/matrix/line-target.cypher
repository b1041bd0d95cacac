// SDG labels in $language where the graph has them (shortTitle_<lang>, title_<lang>), else English.
// Matrix family "line-target" (action-lines × sdg-targets): the member sets after the filters and
// every SUPPORTS→SdgTarget link between them, in one round trip. Goal-level SUPPORTS links are not
// pushed down to targets. $statuses: link statuses that count; $goal / $entity narrow the sets.
// Each link carries the line's facilitators. The revision is read last (see line-commitment).
CALL () {
  MATCH (a:ActionLine)
  WHERE $entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity})-[f:FACILITATES]->(a) WHERE f.status IN $statuses }
  WITH a ORDER BY a.sortKey
  RETURN collect(a {.id, label: a.title}) AS lines
}
CALL () {
  MATCH (t:SdgTarget)-[:OF]->(g:Sdg)
  WHERE $goal IS NULL OR g.id = $goal
  WITH t, g, split(t.id, '.')[1] AS suffix
  ORDER BY toInteger(g.id), CASE WHEN suffix =~ '[0-9]+' THEN toInteger(suffix) ELSE 1000 END, suffix
  RETURN collect(t {.id, label: coalesce(t['title_' + $language], t.title)}) AS targets
}
CALL (lines, targets) {
  WITH [x IN lines | x.id] AS lineIds, [x IN targets | x.id] AS targetIds
  MATCH (a:ActionLine)-[s:SUPPORTS]->(t:SdgTarget)-[:OF]->(g:Sdg)
  WHERE s.status IN $statuses AND a.id IN lineIds AND t.id IN targetIds
  WITH a, s, t, g, split(t.id, '.')[1] AS suffix
  ORDER BY a.sortKey,
           toInteger(g.id), CASE WHEN suffix =~ '[0-9]+' THEN toInteger(suffix) ELSE 1000 END, suffix
  RETURN collect({
    type: 'SUPPORTS', status: s.status, role: null, via: null, derived: false,
    source: {document: s.sourceDocument, locator: s.sourceLocator, url: s.sourceUrl},
    line: a.id, target: t.id, sdg: g.id,
    entities: COLLECT {
      MATCH (e:Entity)-[f:FACILITATES]->(a)
      WHERE f.status IN $statuses AND ($entity IS NULL OR e.id = $entity)
      RETURN {id: e.id, role: f.role}
    }
  }) AS links
}
OPTIONAL MATCH (rev:GraphRevision {id: 'graph'})
RETURN {lines: lines, targets: targets} AS sets, links,
       $entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity}) } AS entityKnown,
       coalesce(rev.value, 0) AS revision
