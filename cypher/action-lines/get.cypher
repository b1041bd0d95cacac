// One action line with everything linked to it: facilitators, sub-lines / parent, aligned GDC
// commitments, and the SDGs and targets it supports (links of every status, each with its source).
MATCH (a:ActionLine {id: $id})
OPTIONAL MATCH (a)-[:PART_OF]->(parent:ActionLine)
CALL (a) {
  OPTIONAL MATCH (e:Entity)-[f:FACILITATES]->(a)
  WITH e, f ORDER BY CASE f.role WHEN 'lead' THEN 0 WHEN 'co' THEN 1 ELSE 2 END, e.id
  RETURN collect(CASE WHEN f IS NULL THEN null ELSE {
    entityId: e.id, role: f.role, status: f.status, rationale: f.rationale,
    source: {document: f.sourceDocument, locator: f.sourceLocator, url: f.sourceUrl}
  } END) AS facilitators
}
CALL (a) {
  OPTIONAL MATCH (sub:ActionLine)-[:PART_OF]->(a)
  WITH sub ORDER BY sub.ordinal
  RETURN collect(sub.id) AS subLines
}
CALL (a) {
  OPTIONAL MATCH (a)-[l:ALIGNS_WITH]->(c:GdcCommitment)
  WITH c, l ORDER BY c.paragraph, c.letter
  RETURN collect(CASE WHEN l IS NULL THEN null ELSE {
    commitmentId: c.id, label: c.label, status: l.status, rationale: l.rationale,
    source: {document: l.sourceDocument, locator: l.sourceLocator, url: l.sourceUrl}
  } END) AS commitments
}
CALL (a) {
  OPTIONAL MATCH (a)-[s:SUPPORTS]->(g:Sdg)
  WITH g, s ORDER BY toInteger(g.id)
  RETURN collect(CASE WHEN s IS NULL THEN null ELSE {
    goalId: toInteger(g.id), status: s.status,
    source: {document: s.sourceDocument, locator: s.sourceLocator, url: s.sourceUrl}
  } END) AS goals
}
CALL (a) {
  OPTIONAL MATCH (a)-[s:SUPPORTS]->(t:SdgTarget)-[:OF]->(g:Sdg)
  WITH t, s, g ORDER BY toInteger(g.id), toInteger(split(t.id, '.')[1]), t.id
  RETURN collect(CASE WHEN s IS NULL THEN null ELSE {
    targetId: t.id, goalId: toInteger(g.id), status: s.status,
    source: {document: s.sourceDocument, locator: s.sourceLocator, url: s.sourceUrl}
  } END) AS targets
}
RETURN a {
  .id, .title, .titleGeneva2003, .kind,
  parent: parent.id,
  source: {document: a.sourceDocument, locator: a.sourceLocator, url: a.sourceUrl},
  facilitators: facilitators, subLines: subLines, commitments: commitments, goals: goals, targets: targets,
  activities: COLLECT {
    MATCH (act:Activity)-[:SERVES]->(a)
    WITH DISTINCT act ORDER BY toInteger(substring(act.id, 1))
    RETURN act {.id, .title, .status, .start, .due, lead: head([(l:Entity)-[:LEADS]->(act) | l.id])}
  }
} AS actionLine
