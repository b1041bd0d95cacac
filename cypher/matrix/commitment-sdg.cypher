// SDG labels in $language where the graph has them (shortTitle_<lang>, title_<lang>), else English.
// Matrix family "commitment-sdg" (gdc-commitments / gdc-objectives × sdgs): the member sets after
// the filters and every CONTRIBUTES_TO link between them, in one round trip. $statuses: link
// statuses that count; $objective / $goal / $entity narrow the sets. Each link carries the entities
// responsible for the commitment. The revision is read last (see line-commitment).
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
  MATCH (g:Sdg)
  WHERE $goal IS NULL OR g.id = $goal
  WITH g ORDER BY toInteger(g.id)
  RETURN collect(g {.id, label: coalesce(g['shortTitle_' + $language], g.shortTitle)}) AS sdgs
}
CALL (commitments, sdgs) {
  WITH [x IN commitments | x.id] AS commitmentIds, [x IN sdgs | x.id] AS goalIds
  MATCH (o:GdcObjective)<-[:UNDER]-(c:GdcCommitment)-[k:CONTRIBUTES_TO]->(g:Sdg)
  WHERE k.status IN $statuses AND c.id IN commitmentIds AND g.id IN goalIds
  WITH o, c, k, g ORDER BY c.paragraph, coalesce(c.letter, ''), toInteger(g.id)
  RETURN collect({
    type: 'CONTRIBUTES_TO', status: k.status, role: null, via: null, derived: false,
    source: {document: k.sourceDocument, locator: k.sourceLocator, url: k.sourceUrl},
    commitment: c.id, objective: o.id, sdg: g.id,
    entities: COLLECT {
      MATCH (e:Entity)-[r:RESPONSIBLE_FOR]->(c)
      WHERE r.status IN $statuses AND ($entity IS NULL OR e.id = $entity)
      RETURN {id: e.id, role: r.role}
    }
  }) AS links
}
OPTIONAL MATCH (rev:GraphRevision {id: 'graph'})
RETURN {commitments: commitments, objectives: objectives, sdgs: sdgs} AS sets, links,
       $entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity}) } AS entityKnown,
       coalesce(rev.value, 0) AS revision
