// Gap kind "commitments-without-action-line": GDC commitments no action line ALIGNS_WITH (only
// links whose status is in $active count), by paragraph, letter, id; one row per commitment, the
// page $offset.. ($limit rows; null = all, for the CSV export). `inactive` names the retired
// alignments that used to close the gap; it is looked up for the page's rows only.
MATCH (c:GdcCommitment)-[:UNDER]->(o:GdcObjective)
WHERE NOT EXISTS { MATCH (:ActionLine)-[l:ALIGNS_WITH]->(c) WHERE l.status IN $active }
WITH c, o ORDER BY c.paragraph, coalesce(c.letter, ''), c.id
SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
RETURN c.id AS id, c.label + ' ' + c.summary AS label, c.label AS shortLabel, o.id AS objective,
       COLLECT { MATCH (a:ActionLine)-[l:ALIGNS_WITH]->(c) RETURN a.id + ' (' + l.status + ')' ORDER BY a.id } AS inactive
