// Gap kind "commitments-without-action-line": GDC commitments no action line ALIGNS_WITH (only
// links whose status is in $active count), by paragraph, letter, id; one row per commitment, the
// page $offset.. ($limit rows; null = all, for the CSV export). `inactive` names the retired
// alignments that used to close the gap; it is looked up for the page's rows only.
// Commitments with a paragraph are read in its index's order, so a page stops after $offset +
// $limit of them; those without one (possible after curation; sorted last, as nulls are) follow,
// read only when the page reaches them.
CALL () {
  MATCH (c:GdcCommitment)
  WHERE c.paragraph IS NOT NULL
    AND NOT EXISTS { MATCH (:ActionLine)-[l:ALIGNS_WITH]->(c) WHERE l.status IN $active }
  RETURN c ORDER BY c.paragraph, coalesce(c.letter, ''), c.id
  UNION ALL
  MATCH (c:GdcCommitment)
  WHERE c.paragraph IS NULL
    AND NOT EXISTS { MATCH (:ActionLine)-[l:ALIGNS_WITH]->(c) WHERE l.status IN $active }
  RETURN c ORDER BY coalesce(c.letter, ''), c.id
}
MATCH (c)-[:UNDER]->(o:GdcObjective)
WITH c, o
SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
RETURN c.id AS id, c.label + ' ' + c.summary AS label, c.label AS shortLabel, o.id AS objective,
       COLLECT { MATCH (a:ActionLine)-[l:ALIGNS_WITH]->(c) RETURN a.id + ' (' + l.status + ')' ORDER BY a.id } AS inactive
