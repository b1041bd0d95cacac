// The frame of the annual report in one round trip: GDC objectives with their commitments (the
// entities responsible and the action lines aligned, active links only), and action lines with
// their facilitators (active links only), in reading order.
CALL () {
  MATCH (o:GdcObjective)
  WITH o ORDER BY toInteger(o.id)
  RETURN collect(o {
    id: toInteger(o.id), .title,
    commitments: COLLECT {
      MATCH (c:GdcCommitment)-[:UNDER]->(o)
      WITH c ORDER BY c.paragraph, coalesce(c.letter, '')
      RETURN c {
        .id, .label,
        responsible: COLLECT {
          MATCH (e:Entity)-[r:RESPONSIBLE_FOR]->(c) WHERE r.status IN $active
          WITH e, r ORDER BY e.id
          RETURN {entityId: e.id, role: r.role}
        },
        actionLines: COLLECT {
          MATCH (a:ActionLine)-[r:ALIGNS_WITH]->(c) WHERE r.status IN $active
          WITH a ORDER BY a.sortKey
          RETURN a.id
        }
      }
    }
  }) AS objectives
}
CALL () {
  MATCH (a:ActionLine)
  WITH a ORDER BY a.sortKey
  RETURN collect(a {
    .id, .title,
    facilitators: COLLECT {
      MATCH (e:Entity)-[f:FACILITATES]->(a) WHERE f.status IN $active
      WITH e, f ORDER BY CASE f.role WHEN 'lead' THEN 0 WHEN 'co' THEN 1 ELSE 2 END, e.id
      RETURN {entityId: e.id, role: f.role}
    }
  }) AS actionLines
}
RETURN objectives, actionLines
