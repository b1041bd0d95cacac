// SDG labels in $language where the graph has them (shortTitle_<lang>, title_<lang>), else English.
// Coverage figures for dashboards in one round trip, counting only links whose status is in
// $active: per GDC objective its commitments and how many have an aligned action line and a
// responsible entity; per SDG its targets and how many an action line supports directly; and the
// action lines (C1…C11 less C7, plus the C7 sub-lines) with and without a lead facilitator.
// Objective and SDG ids are integers, as everywhere else in the API.
CALL () {
  MATCH (o:GdcObjective)
  WITH o ORDER BY toInteger(o.id)
  RETURN collect({
    id: toInteger(o.id), label: o.title,
    commitments: COUNT { MATCH (:GdcCommitment)-[:UNDER]->(o) },
    withActionLine: COUNT {
      MATCH (c:GdcCommitment)-[:UNDER]->(o)
      WHERE EXISTS { MATCH (:ActionLine)-[l:ALIGNS_WITH]->(c) WHERE l.status IN $active }
    },
    withResponsibleEntity: COUNT {
      MATCH (c:GdcCommitment)-[:UNDER]->(o)
      WHERE EXISTS { MATCH (:Entity)-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $active }
    }
  }) AS objectives
}
CALL () {
  MATCH (g:Sdg)
  WITH g ORDER BY toInteger(g.id)
  RETURN collect({
    id: toInteger(g.id), label: coalesce(g['shortTitle_' + $language], g.shortTitle),
    targets: COUNT { MATCH (:SdgTarget)-[:OF]->(g) },
    supported: COUNT {
      MATCH (t:SdgTarget)-[:OF]->(g)
      WHERE EXISTS { MATCH (:ActionLine)-[s:SUPPORTS]->(t) WHERE s.status IN $active }
    }
  }) AS sdgs
}
CALL () {
  MATCH (a:ActionLine) WHERE a.id <> 'C7'
  RETURN count(a) AS actionLines,
         count(CASE WHEN EXISTS {
           MATCH (:Entity)-[f:FACILITATES {role: 'lead'}]->(a) WHERE f.status IN $active
         } THEN 1 END) AS actionLinesWithLead
}
RETURN objectives, sdgs, actionLines, actionLinesWithLead
