// Labels in $language where the graph has them (shortTitle_<lang>, title_<lang>), else English.
// Gap kind "sdg-targets-without-support": SDG targets no action line SUPPORTS directly (status in
// $active), by goal, target number (lettered targets last), id; one row per target, the page
// $offset.. ($limit rows; null = all). The lines supporting the target's goal as a whole are looked
// up for the page's rows only (once per row, not once per target of the graph).
// Goals are put in order first (a few), so the targets' sort only has to order each goal's
// targets and stops after $offset + $limit rows; the full ORDER BY below decides the order.
MATCH (g:Sdg)
WITH g ORDER BY toInteger(g.id)
MATCH (t:SdgTarget)-[:OF]->(g)
WHERE NOT EXISTS { MATCH (:ActionLine)-[s:SUPPORTS]->(t) WHERE s.status IN $active }
WITH t, g, split(t.id, '.')[1] AS suffix
ORDER BY toInteger(g.id), CASE WHEN suffix =~ '[0-9]+' THEN toInteger(suffix) ELSE 1000 END, suffix, t.id
SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
RETURN t.id AS id, coalesce(t['title_' + $language], t.title) AS label, g.id AS goal,
       COLLECT {
         MATCH (a:ActionLine)-[s:SUPPORTS]->(g) WHERE s.status IN $active
         RETURN a.id
         ORDER BY a.sortKey
       } AS goalSupporters
