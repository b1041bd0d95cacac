// Gap kind "commitments-without-responsible-entity": GDC commitments no entity is RESPONSIBLE_FOR
// (status in $active), by paragraph, letter, id; one row per commitment, the page $offset..
// ($limit rows; null = all). `inactive` names the retired responsibilities, for the page only.
MATCH (c:GdcCommitment)-[:UNDER]->(o:GdcObjective)
WHERE NOT EXISTS { MATCH (:Entity)-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $active }
WITH c, o ORDER BY c.paragraph, coalesce(c.letter, ''), c.id
SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
RETURN c.id AS id, c.label + ' ' + c.summary AS label, c.label AS shortLabel, o.id AS objective,
       COLLECT { MATCH (e:Entity)-[r:RESPONSIBLE_FOR]->(c) RETURN e.id + ' (' + r.status + ')' ORDER BY e.id } AS inactive
