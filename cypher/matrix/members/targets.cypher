// Labels in $language where the graph has them (shortTitle_<lang>, title_<lang>), else English.
// Matrix members "sdg-targets", one row per target by goal, number (lettered targets last), id;
// $goal (null = all) keeps that goal's.
MATCH (t:SdgTarget)-[:OF]->(g:Sdg)
WHERE $goal IS NULL OR g.id = $goal
WITH t, g, split(t.id, '.')[1] AS suffix
RETURN t.id AS id, coalesce(t['title_' + $language], t.title) AS label
ORDER BY toInteger(g.id), CASE WHEN suffix =~ '[0-9]+' THEN toInteger(suffix) ELSE 1000 END, suffix, t.id
