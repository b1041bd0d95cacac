// Writes links with exactly the given properties (creating missing ones), inside the caller's write
// transaction. $rows: [{type, fromLabel, toLabel, from, to, props}], labels and type from the link
// registry (src/domain/links.ts), never from input; both ends are live nodes. `written` lets the
// caller check that every row reached the graph.
UNWIND $rows AS row
MATCH (a:$(row.fromLabel) {id: row.from}), (b:$(row.toLabel) {id: row.to})
MERGE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS written
