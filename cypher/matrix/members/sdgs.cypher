// Labels in $language where the graph has them (shortTitle_<lang>, title_<lang>), else English.
// Matrix members "sdgs", one row per goal by number; $goal (null = all) keeps that one.
MATCH (g:Sdg)
WHERE $goal IS NULL OR g.id = $goal
RETURN g.id AS id, coalesce(g['shortTitle_' + $language], g.shortTitle) AS label
ORDER BY toInteger(g.id), g.id
