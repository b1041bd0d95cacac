// Matrix members "gdc-commitments", one row per commitment by paragraph, letter, id. $objective
// (null = all) keeps that objective's; $entity (null = all) those it is RESPONSIBLE_FOR with a
// status in $statuses.
MATCH (c:GdcCommitment)-[:UNDER]->(o:GdcObjective)
WHERE ($objective IS NULL OR o.id = $objective)
  AND ($entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity})-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $statuses })
RETURN c.id AS id, c.label + ' ' + c.summary AS label
ORDER BY c.paragraph, coalesce(c.letter, ''), c.id
