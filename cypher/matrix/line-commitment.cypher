// Matrix family "line-commitment" (action-lines × gdc-commitments / gdc-objectives, and transposes):
// one row per ALIGNS_WITH link with a status in $statuses, in row order (line, then commitment).
// $objective / $entity (null = no filter) narrow the ends as the member queries do; the caller
// keeps only links whose ends are members. Each link carries the entities that both facilitate
// the line and are responsible for the commitment (statuses in $statuses).
MATCH (a:ActionLine)-[l:ALIGNS_WITH]->(c:GdcCommitment)-[:UNDER]->(o:GdcObjective)
WHERE l.status IN $statuses
  AND ($objective IS NULL OR o.id = $objective)
  AND ($entity IS NULL OR (
    EXISTS { MATCH (:Entity {id: $entity})-[f:FACILITATES]->(a) WHERE f.status IN $statuses }
    AND EXISTS { MATCH (:Entity {id: $entity})-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $statuses }))
WITH a, l, c, o
ORDER BY a.sortKey, a.id,
         c.paragraph, coalesce(c.letter, ''), c.id
RETURN 'ALIGNS_WITH' AS type, l.status AS status, null AS role, null AS via, false AS derived,
       {document: l.sourceDocument, locator: l.sourceLocator, url: l.sourceUrl} AS source,
       a.id AS line, c.id AS commitment, o.id AS objective,
       COLLECT {
         MATCH (e:Entity)-[f:FACILITATES]->(a)
         WHERE f.status IN $statuses AND ($entity IS NULL OR e.id = $entity)
         MATCH (e)-[r:RESPONSIBLE_FOR]->(c)
         WHERE r.status IN $statuses
         RETURN {id: e.id, role: f.role, commitmentRole: r.role}
       } AS entities
