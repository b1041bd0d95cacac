// Writes activities whole: properties, then what each links to, replaced. $activities:
// [{props, stamp, ends: {lead, partners, actionLines, commitments, targets}}]; the caller checked
// every id exists. Used by creates and edits, and by time travel to put an activity back (inside
// its rolled-back transaction). Like every registry node an activity carries RoadmapNode.
UNWIND $activities AS item
MERGE (a:Activity:RoadmapNode {id: item.props.id})
SET a += item.props, a += item.stamp
WITH a, item
CALL (a) {
  OPTIONAL MATCH (a)-[s:SERVES]->()
  DELETE s
}
CALL (a) {
  OPTIONAL MATCH ()-[r:LEADS|PARTNER_IN]->(a)
  DELETE r
}
CALL (a, item) {
  MATCH (e:Entity {id: item.ends.lead})
  CREATE (e)-[:LEADS]->(a)
}
CALL (a, item) {
  UNWIND item.ends.partners AS partner
  MATCH (e:Entity {id: partner})
  CREATE (e)-[:PARTNER_IN]->(a)
}
CALL (a, item) {
  UNWIND item.ends.actionLines AS id
  MATCH (l:ActionLine {id: id})
  CREATE (a)-[:SERVES]->(l)
}
CALL (a, item) {
  UNWIND item.ends.commitments AS id
  MATCH (c:GdcCommitment {id: id})
  CREATE (a)-[:SERVES]->(c)
}
CALL (a, item) {
  UNWIND item.ends.targets AS id
  MATCH (t:SdgTarget {id: id})
  CREATE (a)-[:SERVES]->(t)
}
RETURN count(a) AS written
