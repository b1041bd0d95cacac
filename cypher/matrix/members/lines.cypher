// Matrix members "action-lines", one row per line in natural order (C1…C11, sub-lines after their
// line). $entity (null = all) keeps the lines it FACILITATES with a status in $statuses.
MATCH (a:ActionLine)
WHERE a.sortKey IS NOT NULL // every line has one; lets the order key's index serve the order
  AND ($entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity})-[f:FACILITATES]->(a) WHERE f.status IN $statuses })
RETURN a.id AS id, a.title AS label
ORDER BY a.sortKey, a.id
