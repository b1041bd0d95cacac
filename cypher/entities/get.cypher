// One entity with, in one round trip, the action lines it facilitates (action-line order) and the
// GDC commitments it is responsible for (paragraph order); links of every status, with sources.
// No row when the entity does not exist.
MATCH (e:Entity {id: $id})
CALL (e) {
  OPTIONAL MATCH (e)-[f:FACILITATES]->(a:ActionLine)
  WITH a, f ORDER BY a.sortKey
  RETURN collect(CASE WHEN f IS NULL THEN null ELSE {
    actionLineId: a.id, role: f.role, status: f.status,
    source: {document: f.sourceDocument, locator: f.sourceLocator, url: f.sourceUrl}
  } END) AS facilitates
}
CALL (e) {
  OPTIONAL MATCH (e)-[r:RESPONSIBLE_FOR]->(c:GdcCommitment)
  WITH c, r ORDER BY c.paragraph, coalesce(c.letter, '')
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {
    commitmentId: c.id, label: c.label, role: r.role, status: r.status,
    source: {document: r.sourceDocument, locator: r.sourceLocator, url: r.sourceUrl}
  } END) AS responsibleFor
}
RETURN e {
  .id, .name, .kind, .ungisMember, .verified, .membershipConfidence,
  source: {document: e.sourceDocument, locator: e.sourceLocator, url: e.sourceUrl},
  facilitates: facilitates, responsibleFor: responsibleFor,
  activities: COLLECT {
    MATCH (e)-[:LEADS|PARTNER_IN]->(act:Activity)
    WITH DISTINCT act ORDER BY toInteger(substring(act.id, 1))
    RETURN act {.id, .title, .status, .start, .due, lead: head([(l:Entity)-[:LEADS]->(act) | l.id]), role: CASE WHEN EXISTS { (e)-[:LEADS]->(act) } THEN 'lead' ELSE 'partner' END}
  }
} AS entity
