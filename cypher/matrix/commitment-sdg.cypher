// Matrix family "commitment-sdg" (gdc-commitments / gdc-objectives × sdgs): one row per
// CONTRIBUTES_TO link with a status in $statuses, in row order (commitment, then goal).
// $objective / $goal / $entity (null = no filter) narrow the ends as the member queries do. Each
// link carries the entities responsible for the commitment (statuses in $statuses).
MATCH (o:GdcObjective)<-[:UNDER]-(c:GdcCommitment)-[k:CONTRIBUTES_TO]->(g:Sdg)
WHERE k.status IN $statuses
  AND ($objective IS NULL OR o.id = $objective)
  AND ($goal IS NULL OR g.id = $goal)
  AND ($entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity})-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $statuses })
WITH o, c, k, g
ORDER BY c.paragraph, coalesce(c.letter, ''), c.id, toInteger(g.id)
RETURN 'CONTRIBUTES_TO' AS type, k.status AS status, null AS role, null AS via, false AS derived,
       {document: k.sourceDocument, locator: k.sourceLocator, url: k.sourceUrl} AS source,
       c.id AS commitment, o.id AS objective, g.id AS sdg,
       COLLECT {
         MATCH (e:Entity)-[r:RESPONSIBLE_FOR]->(c)
         WHERE r.status IN $statuses AND ($entity IS NULL OR e.id = $entity)
         RETURN {id: e.id, role: r.role}
       } AS entities
