// Gap kind "commitments-without-activity": GDC commitments no implementation activity SERVES, by
// paragraph, letter, id; the page $offset.. ($limit rows; null = all, for the exports).
MATCH (c:GdcCommitment)-[:UNDER]->(o:GdcObjective)
WHERE NOT EXISTS { (:Activity)-[:SERVES]->(c) }
WITH c, o ORDER BY c.paragraph, coalesce(c.letter, ''), c.id
SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
RETURN c.id AS id, c.label AS label, o.id AS objective
