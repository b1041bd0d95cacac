// Matrix members "gdc-objectives", one row per objective by number. $objective (null = all) keeps
// that one; $entity (null = all) those holding a commitment it is RESPONSIBLE_FOR (status in $statuses).
MATCH (o:GdcObjective)
WHERE ($objective IS NULL OR o.id = $objective)
  AND ($entity IS NULL OR EXISTS {
    MATCH (:Entity {id: $entity})-[r:RESPONSIBLE_FOR]->(:GdcCommitment)-[:UNDER]->(o) WHERE r.status IN $statuses })
RETURN o.id AS id, o.title AS label
ORDER BY toInteger(o.id), o.id
