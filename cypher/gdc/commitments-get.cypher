// One GDC commitment with its links, in one round trip: the entities responsible for it (lead
// first), the action lines aligned with it (action-line order) and the SDGs it cites (goal order).
// Links of every status, each with its source. No row when the commitment does not exist.
MATCH (c:GdcCommitment {id: $id})
OPTIONAL MATCH (c)-[:UNDER]->(o:GdcObjective)
CALL (c) {
  OPTIONAL MATCH (e:Entity)-[r:RESPONSIBLE_FOR]->(c)
  WITH e, r ORDER BY CASE r.role WHEN 'lead' THEN 0 WHEN 'co' THEN 1 ELSE 2 END, e.id
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {
    entityId: e.id, role: r.role, status: r.status, rationale: r.rationale,
    source: {document: r.sourceDocument, locator: r.sourceLocator, url: r.sourceUrl}
  } END) AS responsibleEntities
}
CALL (c) {
  OPTIONAL MATCH (a:ActionLine)-[l:ALIGNS_WITH]->(c)
  WITH a, l ORDER BY a.sortKey
  RETURN collect(CASE WHEN l IS NULL THEN null ELSE {
    actionLineId: a.id, status: l.status, rationale: l.rationale,
    source: {document: l.sourceDocument, locator: l.sourceLocator, url: l.sourceUrl}
  } END) AS actionLines
}
CALL (c) {
  OPTIONAL MATCH (c)-[s:CONTRIBUTES_TO]->(g:Sdg)
  WITH g, s ORDER BY toInteger(g.id)
  RETURN collect(CASE WHEN s IS NULL THEN null ELSE {
    goalId: toInteger(g.id), status: s.status,
    source: {document: s.sourceDocument, locator: s.sourceLocator, url: s.sourceUrl}
  } END) AS goals
}
RETURN c {
  .id, .label, .paragraph, .letter, objective: toInteger(o.id), .section, .sectionTitle, .summary,
  .verified, .confidence,
  source: {document: c.sourceDocument, locator: c.sourceLocator, url: c.sourceUrl},
  responsibleEntities: responsibleEntities, actionLines: actionLines, goals: goals,
  activities: COLLECT {
    MATCH (act:Activity)-[:SERVES]->(c)
    WITH DISTINCT act ORDER BY toInteger(substring(act.id, 1))
    RETURN act {.id, .title, .status, .start, .due, lead: head([(l:Entity)-[:LEADS]->(act) | l.id])}
  }
} AS commitment
