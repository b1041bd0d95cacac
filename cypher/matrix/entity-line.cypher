// Matrix family "entity-line" (action-lines × entities and its transpose): the member sets after
// the filters and every FACILITATES link between them, in one round trip. $statuses: link statuses
// that count; $entity narrows entities to one and lines to those it facilitates. The revision is
// read last (see line-commitment).
CALL () {
  MATCH (a:ActionLine)
  WHERE $entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity})-[f:FACILITATES]->(a) WHERE f.status IN $statuses }
  WITH a ORDER BY a.sortKey
  RETURN collect(a {.id, label: a.title}) AS lines
}
CALL () {
  MATCH (e:Entity)
  WHERE $entity IS NULL OR e.id = $entity
  WITH e ORDER BY e.id
  RETURN collect(e {.id, label: e.name}) AS entities
}
CALL (lines, entities) {
  WITH [x IN lines | x.id] AS lineIds, [x IN entities | x.id] AS entityIds
  MATCH (e:Entity)-[f:FACILITATES]->(a:ActionLine)
  WHERE f.status IN $statuses AND a.id IN lineIds AND e.id IN entityIds
  WITH e, f, a
  ORDER BY a.sortKey, e.id
  RETURN collect({
    type: 'FACILITATES', status: f.status, role: f.role, via: null, derived: false,
    source: {document: f.sourceDocument, locator: f.sourceLocator, url: f.sourceUrl},
    line: a.id, entity: e.id,
    entities: [{id: e.id, role: f.role}]
  }) AS links
}
OPTIONAL MATCH (rev:GraphRevision {id: 'graph'})
RETURN {lines: lines, entities: entities} AS sets, links,
       $entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity}) } AS entityKnown,
       coalesce(rev.value, 0) AS revision
