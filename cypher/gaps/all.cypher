// SDG labels in $language where the graph has them (shortTitle_<lang>, title_<lang>), else English.
// Every gap of the roadmap in ONE round trip, counting only links whose status is in $active
// (proposed and endorsed: retired links never close a gap). Each list comes in natural order with
// the facts its reason is written from (e.g. the retired links that used to close it). The
// revision is read last so the caller can tell whether a write landed while this ran.
CALL () {
  MATCH (c:GdcCommitment)-[:UNDER]->(o:GdcObjective)
  WHERE NOT EXISTS { MATCH (:ActionLine)-[l:ALIGNS_WITH]->(c) WHERE l.status IN $active }
  WITH c, o ORDER BY c.paragraph, coalesce(c.letter, '')
  RETURN collect({
    id: c.id, label: c.label + ' ' + c.summary, shortLabel: c.label, objective: o.id,
    inactive: COLLECT { MATCH (a:ActionLine)-[l:ALIGNS_WITH]->(c) RETURN a.id + ' (' + l.status + ')' }
  }) AS commitmentsWithoutLine
}
CALL () {
  MATCH (c:GdcCommitment)-[:UNDER]->(o:GdcObjective)
  WHERE NOT EXISTS { MATCH (:Entity)-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $active }
  WITH c, o ORDER BY c.paragraph, coalesce(c.letter, '')
  RETURN collect({
    id: c.id, label: c.label + ' ' + c.summary, shortLabel: c.label, objective: o.id,
    inactive: COLLECT { MATCH (e:Entity)-[r:RESPONSIBLE_FOR]->(c) RETURN e.id + ' (' + r.status + ')' }
  }) AS commitmentsWithoutEntity
}
CALL () {
  // C7 itself is represented by its sub-lines.
  MATCH (a:ActionLine)
  WHERE a.id <> 'C7'
    AND NOT EXISTS { MATCH (:Entity)-[f:FACILITATES {role: 'lead'}]->(a) WHERE f.status IN $active }
  WITH a ORDER BY a.sortKey
  RETURN collect({
    id: a.id, label: a.title,
    facilitators: COLLECT {
      MATCH (e:Entity)-[f:FACILITATES]->(a) WHERE f.status IN $active
      RETURN f.role + ':' + e.id ORDER BY CASE f.role WHEN 'co' THEN 0 ELSE 1 END, e.id
    },
    inactiveLeads: COLLECT { MATCH (e:Entity)-[f:FACILITATES {role: 'lead'}]->(a) RETURN e.id + ' (' + f.status + ')' }
  }) AS linesWithoutLead
}
CALL () {
  MATCH (t:SdgTarget)-[:OF]->(g:Sdg)
  WHERE NOT EXISTS { MATCH (:ActionLine)-[s:SUPPORTS]->(t) WHERE s.status IN $active }
  WITH t, g, split(t.id, '.')[1] AS suffix
  ORDER BY toInteger(g.id), CASE WHEN suffix =~ '[0-9]+' THEN toInteger(suffix) ELSE 1000 END, suffix
  RETURN collect({
    id: t.id, label: coalesce(t['title_' + $language], t.title), goal: g.id,
    goalSupporters: COLLECT {
      MATCH (a:ActionLine)-[s:SUPPORTS]->(g) WHERE s.status IN $active
      RETURN a.id ORDER BY a.sortKey
    }
  }) AS targetsWithoutSupport
}
CALL () {
  MATCH (a:ActionLine)-[l:ALIGNS_WITH]->(c:GdcCommitment)
  WHERE l.status IN $active
    AND NOT EXISTS {
      MATCH (e:Entity)-[f:FACILITATES]->(a)
      WHERE f.status IN $active
        AND EXISTS { MATCH (e)-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $active }
    }
  WITH a, c
  ORDER BY a.sortKey,
           c.paragraph, coalesce(c.letter, '')
  RETURN collect({
    actionLine: a.id, commitment: c.id, commitmentLabel: c.label,
    facilitators: COLLECT { MATCH (e:Entity)-[f:FACILITATES]->(a) WHERE f.status IN $active RETURN e.id ORDER BY e.id },
    responsible: COLLECT { MATCH (e:Entity)-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $active RETURN e.id ORDER BY e.id }
  }) AS pairsWithoutSharedEntity
}
CALL () {
  MATCH (e:Entity)
  WITH e ORDER BY e.id
  RETURN collect({
    id: e.id, label: e.name,
    lead: COUNT { MATCH (e)-[f:FACILITATES {role: 'lead'}]->(:ActionLine) WHERE f.status IN $active },
    co: COUNT { MATCH (e)-[f:FACILITATES {role: 'co'}]->(:ActionLine) WHERE f.status IN $active },
    partner: COUNT { MATCH (e)-[f:FACILITATES {role: 'partner'}]->(:ActionLine) WHERE f.status IN $active },
    responsibilities: COUNT { MATCH (e)-[r:RESPONSIBLE_FOR]->(:GdcCommitment) WHERE r.status IN $active }
  }) AS workload
}
OPTIONAL MATCH (rev:GraphRevision {id: 'graph'})
RETURN commitmentsWithoutLine, commitmentsWithoutEntity, linesWithoutLead, targetsWithoutSupport,
       pairsWithoutSharedEntity, workload, coalesce(rev.value, 0) AS revision
