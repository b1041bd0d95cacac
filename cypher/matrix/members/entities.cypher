// Matrix members "entities", one row per entity by id; $entity (null = all) keeps that one.
MATCH (e:Entity)
WHERE $entity IS NULL OR e.id = $entity
RETURN e.id AS id, e.name AS label
ORDER BY e.id
