// Matrix family "entity-commitment" (gdc-commitments / gdc-objectives × entities and transposes):
// the member sets after the filters and every RESPONSIBLE_FOR link between them, in one round trip.
// $statuses: link statuses that count; $objective / $entity narrow the sets. The revision is read
// last (see line-commitment).
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
CALL () {
  MATCH (e:Entity)
  WHERE $entity IS NULL OR e.id = $entity
  WITH e ORDER BY e.id
  RETURN collect(e {.id, label: e.name}) AS entities
}
CALL (commitments, entities) {
  WITH [x IN commitments | x.id] AS commitmentIds, [x IN entities | x.id] AS entityIds
  MATCH (e:Entity)-[r:RESPONSIBLE_FOR]->(c:GdcCommitment)-[:UNDER]->(o:GdcObjective)
  WHERE r.status IN $statuses AND c.id IN commitmentIds AND e.id IN entityIds
  WITH e, r, c, o ORDER BY c.paragraph, coalesce(c.letter, ''), e.id
  RETURN collect({
    type: 'RESPONSIBLE_FOR', status: r.status, role: r.role, via: null, derived: false,
    source: {document: r.sourceDocument, locator: r.sourceLocator, url: r.sourceUrl},
    commitment: c.id, objective: o.id, entity: e.id,
    entities: [{id: e.id, role: r.role}]
  }) AS links
}
OPTIONAL MATCH (rev:GraphRevision {id: 'graph'})
RETURN {commitments: commitments, objectives: objectives, entities: entities} AS sets, links,
       $entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity}) } AS entityKnown,
       coalesce(rev.value, 0) AS revision
