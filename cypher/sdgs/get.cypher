// Titles in $language (ar, zh, en, fr, ru, es) where the graph has them (title_<lang>), else English.
// One SDG ($id is the stored string, "1".."17") with its targets: numbered targets in number
// order (5.1 … 5.6), then lettered ones (5.a, 5.b, 5.c). No row when the goal does not exist.
MATCH (g:Sdg {id: $id})
CALL (g) {
  OPTIONAL MATCH (t:SdgTarget)-[:OF]->(g)
  WITH g, t, split(t.id, '.')[1] AS suffix ORDER BY toInteger(suffix), suffix
  RETURN collect(t {
    .id, goal: toInteger(g.id), title: coalesce(t['title_' + $language], t.title), .kind, .uri,
    source: {document: t.sourceDocument, locator: t.sourceLocator, url: t.sourceUrl}
  }) AS targets
}
RETURN g {
  id: toInteger(g.id),
  title: coalesce(g['title_' + $language], g.title),
  shortTitle: coalesce(g['shortTitle_' + $language], g.shortTitle),
  .uri,
  source: {document: g.sourceDocument, locator: g.sourceLocator, url: g.sourceUrl},
  targets: targets
} AS goal
