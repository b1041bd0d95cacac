// Matrix members "sdgs", one row per goal by number; $goal (null = all) keeps that one.
MATCH (g:Sdg)
WHERE $goal IS NULL OR g.id = $goal
RETURN g.id AS id, g.shortTitle AS label
ORDER BY toInteger(g.id), g.id
