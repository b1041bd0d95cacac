// Gap kind "commitments-without-activity": GDC commitments no implementation activity SERVES, by
// paragraph, letter, id; the page $offset.. ($limit rows; null = all, for the exports).
// Read in the paragraph index's order, then those without a paragraph (see
// commitments-without-action-line.cypher): a page stops after $offset + $limit rows.
CALL () {
  MATCH (c:GdcCommitment)
  WHERE c.paragraph IS NOT NULL AND NOT EXISTS { (:Activity)-[:SERVES]->(c) }
  RETURN c ORDER BY c.paragraph, coalesce(c.letter, ''), c.id
  UNION ALL
  MATCH (c:GdcCommitment)
  WHERE c.paragraph IS NULL AND NOT EXISTS { (:Activity)-[:SERVES]->(c) }
  RETURN c ORDER BY coalesce(c.letter, ''), c.id
}
MATCH (c)-[:UNDER]->(o:GdcObjective)
WITH c, o
SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
RETURN c.id AS id, c.label AS label, o.id AS objective
