// Matrix family "line-commitment" (action-lines × gdc-commitments / gdc-objectives, and transposes):
// the member sets after the filters and every ALIGNS_WITH link between them, in one round trip.
// $statuses: the link statuses that count (every link used: cells, entity filter, cell entities);
// $objective / $entity narrow the sets (null = no filter). Each link carries the entities that both
// facilitate the line and are responsible for the commitment. The revision is read last so the
// caller can tell whether a write committed while this ran (then it must not cache the result).
CALL () {
  MATCH (a:ActionLine)
  WHERE $entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity})-[f:FACILITATES]->(a) WHERE f.status IN $statuses }
  WITH a ORDER BY a.sortKey
  RETURN collect(a {.id, label: a.title}) AS lines
}
CALL () {
  MATCH (c:GdcCommitment)-[:UNDER]->(o:GdcObjective)
  WHERE ($objective IS NULL OR o.id = $objective)
    AND ($entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity})-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $statuses })
  WITH c ORDER BY c.paragraph, coalesce(c.letter, '')
  RETURN collect(c {.id, label: c.label + ' ' + c.summary}) AS commitments
}
CALL () {
  MATCH (o:GdcObjective)
  WHERE ($objective IS NULL OR o.id = $objective)
    AND ($entity IS NULL OR EXISTS {
      MATCH (:Entity {id: $entity})-[r:RESPONSIBLE_FOR]->(:GdcCommitment)-[:UNDER]->(o) WHERE r.status IN $statuses })
  WITH o ORDER BY toInteger(o.id)
  RETURN collect(o {.id, label: o.title}) AS objectives
}
CALL (lines, commitments) {
  WITH [x IN lines | x.id] AS lineIds, [x IN commitments | x.id] AS commitmentIds
  MATCH (a:ActionLine)-[l:ALIGNS_WITH]->(c:GdcCommitment)-[:UNDER]->(o:GdcObjective)
  WHERE l.status IN $statuses AND a.id IN lineIds AND c.id IN commitmentIds
  WITH a, l, c, o
  ORDER BY a.sortKey,
           c.paragraph, coalesce(c.letter, '')
  RETURN collect({
    type: 'ALIGNS_WITH', status: l.status, role: null, via: null, derived: false,
    source: {document: l.sourceDocument, locator: l.sourceLocator, url: l.sourceUrl},
    line: a.id, commitment: c.id, objective: o.id,
    entities: COLLECT {
      MATCH (e:Entity)-[f:FACILITATES]->(a)
      WHERE f.status IN $statuses AND ($entity IS NULL OR e.id = $entity)
      MATCH (e)-[r:RESPONSIBLE_FOR]->(c)
      WHERE r.status IN $statuses
      RETURN {id: e.id, role: f.role, commitmentRole: r.role}
    }
  }) AS links
}
OPTIONAL MATCH (rev:GraphRevision {id: 'graph'})
RETURN {lines: lines, commitments: commitments, objectives: objectives} AS sets, links,
       $entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity}) } AS entityKnown,
       coalesce(rev.value, 0) AS revision
