// Gap kind "commitments-without-responsible-entity": GDC commitments no entity is RESPONSIBLE_FOR
// (status in $active), by paragraph, letter, id; one row per commitment, the page $offset..
// ($limit rows; null = all). `inactive` names the retired responsibilities, for the page only.
// Read in the paragraph index's order, then those without a paragraph (see
// commitments-without-action-line.cypher): a page stops after $offset + $limit rows.
CALL () {
  MATCH (c:GdcCommitment)
  WHERE c.paragraph IS NOT NULL
    AND NOT EXISTS { MATCH (:Entity)-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $active }
  RETURN c ORDER BY c.paragraph, coalesce(c.letter, ''), c.id
  UNION ALL
  MATCH (c:GdcCommitment)
  WHERE c.paragraph IS NULL
    AND NOT EXISTS { MATCH (:Entity)-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $active }
  RETURN c ORDER BY coalesce(c.letter, ''), c.id
}
MATCH (c)-[:UNDER]->(o:GdcObjective)
WITH c, o
SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
RETURN c.id AS id, c.label + ' ' + c.summary AS label, c.label AS shortLabel, o.id AS objective,
       COLLECT { MATCH (e:Entity)-[r:RESPONSIBLE_FOR]->(c) RETURN e.id + ' (' + r.status + ')' ORDER BY e.id } AS inactive
