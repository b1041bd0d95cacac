// bench:scale — creates synthetic replica relationships: $rows [{type, pair, from, to, props}],
// `pair` = "<from label>><to label>". Each end is found through its label's unique id index
// (a dynamic label in MATCH would scan every node), so each block handles one pair of labels.
UNWIND $rows AS row
CALL (row) {
  MATCH (a:Entity {id: row.from}), (b:ActionLine {id: row.to}) WHERE row.pair = 'Entity>ActionLine'
  RETURN a, b
  UNION
  MATCH (a:Entity {id: row.from}), (b:GdcCommitment {id: row.to}) WHERE row.pair = 'Entity>GdcCommitment'
  RETURN a, b
  UNION
  MATCH (a:ActionLine {id: row.from}), (b:GdcCommitment {id: row.to}) WHERE row.pair = 'ActionLine>GdcCommitment'
  RETURN a, b
  UNION
  MATCH (a:ActionLine {id: row.from}), (b:SdgTarget {id: row.to}) WHERE row.pair = 'ActionLine>SdgTarget'
  RETURN a, b
  UNION
  MATCH (a:ActionLine {id: row.from}), (b:Sdg {id: row.to}) WHERE row.pair = 'ActionLine>Sdg'
  RETURN a, b
  UNION
  MATCH (a:ActionLine {id: row.from}), (b:ActionLine {id: row.to}) WHERE row.pair = 'ActionLine>ActionLine'
  RETURN a, b
  UNION
  MATCH (a:GdcCommitment {id: row.from}), (b:Sdg {id: row.to}) WHERE row.pair = 'GdcCommitment>Sdg'
  RETURN a, b
  UNION
  MATCH (a:GdcCommitment {id: row.from}), (b:GdcObjective {id: row.to}) WHERE row.pair = 'GdcCommitment>GdcObjective'
  RETURN a, b
  UNION
  MATCH (a:SdgTarget {id: row.from}), (b:Sdg {id: row.to}) WHERE row.pair = 'SdgTarget>Sdg'
  RETURN a, b
  UNION
  MATCH (a:SdgIndicator {id: row.from}), (b:SdgTarget {id: row.to}) WHERE row.pair = 'SdgIndicator>SdgTarget'
  RETURN a, b
}
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created
