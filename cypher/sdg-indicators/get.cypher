// Titles in $language (ar, zh, en, fr, ru, es) where the graph has them (title_<lang>), else English.
// One SDG indicator with the target it measures and that target's goal.
// No row when the indicator does not exist.
MATCH (i:SdgIndicator {id: $id})
OPTIONAL MATCH (i)-[:MEASURES]->(t:SdgTarget)
OPTIONAL MATCH (t)-[:OF]->(g:Sdg)
RETURN i {
  .id, target: t.id, goal: toInteger(g.id), title: coalesce(i['title_' + $language], i.title), .status,
  source: {document: i.sourceDocument, locator: i.sourceLocator, url: i.sourceUrl}
} AS indicator
