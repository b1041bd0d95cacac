// Writes links with exactly the given properties (creating missing ones), inside the caller's write
// transaction. $rows: [{type, from, to, props}], type FACILITATES (Entity→ActionLine),
// RESPONSIBLE_FOR (Entity→GdcCommitment), ALIGNS_WITH (ActionLine→GdcCommitment) or
// CONTRIBUTES_TO (GdcCommitment→Sdg); both ends are live nodes. Relationship types cannot be
// parameters, so each type has its own branch.
UNWIND $rows AS row
CALL (row) {
  MATCH (e:Entity {id: row.from}), (a:ActionLine {id: row.to}) WHERE row.type = 'FACILITATES'
  MERGE (e)-[r:FACILITATES]->(a)
  SET r = row.props
}
CALL (row) {
  MATCH (e:Entity {id: row.from}), (c:GdcCommitment {id: row.to}) WHERE row.type = 'RESPONSIBLE_FOR'
  MERGE (e)-[r:RESPONSIBLE_FOR]->(c)
  SET r = row.props
}
CALL (row) {
  MATCH (a:ActionLine {id: row.from}), (c:GdcCommitment {id: row.to}) WHERE row.type = 'ALIGNS_WITH'
  MERGE (a)-[r:ALIGNS_WITH]->(c)
  SET r = row.props
}
CALL (row) {
  MATCH (c:GdcCommitment {id: row.from}), (g:Sdg {id: row.to}) WHERE row.type = 'CONTRIBUTES_TO'
  MERGE (c)-[r:CONTRIBUTES_TO]->(g)
  SET r = row.props
}
RETURN count(row) AS rows
