// Titles in $language (ar, zh, en, fr, ru, es) where the graph has them (title_<lang>), else English.
// One SDG target with, in one round trip, the indicators measuring it (by number) and the action
// lines with a target-level SUPPORTS link to it (action-line order, links of every status).
// No row when the target does not exist.
MATCH (t:SdgTarget {id: $id})
OPTIONAL MATCH (t)-[:OF]->(g:Sdg)
CALL (t) {
  OPTIONAL MATCH (i:SdgIndicator)-[:MEASURES]->(t)
  WITH i ORDER BY toInteger(split(i.id, '.')[2]), i.id
  RETURN collect(i {.id, title: coalesce(i['title_' + $language], i.title), .status}) AS indicators
}
CALL (t) {
  OPTIONAL MATCH (a:ActionLine)-[s:SUPPORTS]->(t)
  WITH a, s ORDER BY a.sortKey
  RETURN collect(CASE WHEN s IS NULL THEN null ELSE {
    actionLineId: a.id, status: s.status, rationale: s.rationale,
    source: {document: s.sourceDocument, locator: s.sourceLocator, url: s.sourceUrl}
  } END) AS actionLines
}
RETURN t {
  .id, goal: toInteger(g.id), title: coalesce(t['title_' + $language], t.title), .kind, .uri,
  source: {document: t.sourceDocument, locator: t.sourceLocator, url: t.sourceUrl},
  indicators: indicators, actionLines: actionLines,
  activities: COLLECT {
    MATCH (act:Activity)-[:SERVES]->(t)
    WITH DISTINCT act ORDER BY toInteger(substring(act.id, 1))
    RETURN act {.id, .title, .status, .start, .due, lead: head([(l:Entity)-[:LEADS]->(act) | l.id])}
  }
} AS target
