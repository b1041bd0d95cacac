// Titles in $language (ar, zh, en, fr, ru, es) where the graph has them (title_<lang>), else English.
// SDG targets in goal order, and within a goal numbered targets first (by number: 9.1 … 9.5,
// not 9.1, 9.10) then lettered ones; one page plus the total in one round trip.
// $goal ("1".."17") filters when not null.
MATCH (t:SdgTarget)-[:OF]->(g:Sdg)
WHERE $goal IS NULL OR g.id = $goal
WITH t, g, split(t.id, '.')[1] AS suffix
ORDER BY toInteger(g.id), toInteger(suffix), suffix
WITH collect(t {
  .id, goal: toInteger(g.id), title: coalesce(t['title_' + $language], t.title), .kind, .uri,
  source: {document: t.sourceDocument, locator: t.sourceLocator, url: t.sourceUrl}
}) AS targets
RETURN size(targets) AS total, targets[$offset..($offset + $limit)] AS items
