// What the coverage history replays the change log against: the members coverage counts (commitments
// with their objective, SDG targets, action lines less C7) and, as they stand now, every link that
// coverage looks at (ALIGNS_WITH, RESPONSIBLE_FOR, SUPPORTS, FACILITATES) in the shape Change records
// keep in before/after, plus the time of the last seed load (the log has no per-link records before it).
CALL () {
  MATCH (c:GdcCommitment)-[:UNDER]->(o:GdcObjective)
  RETURN collect({id: c.id, objective: toInteger(o.id)}) AS commitments
}
CALL () {
  MATCH (t:SdgTarget)
  RETURN collect(t.id) AS targets
}
CALL () {
  MATCH (a:ActionLine) WHERE a.id <> 'C7'
  RETURN collect(a.id) AS actionLines
}
CALL () {
  MATCH (a)-[r:ALIGNS_WITH|RESPONSIBLE_FOR|SUPPORTS|FACILITATES]->(b)
  RETURN collect({type: type(r), from: a.id, to: b.id, role: r.role, status: r.status}) AS links
}
CALL () {
  OPTIONAL MATCH (s:Change {action: 'seed.load'})
  RETURN max(s.at) AS seededAt
}
RETURN commitments, targets, actionLines, links, seededAt
