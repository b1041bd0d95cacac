// Writes links with exactly the given properties (creating missing ones), inside the caller's write
// transaction. $rows: [{type, fromLabel, toLabel, from, to, props}], labels and type from the link
// registry (src/domain/links.ts), never from input; both ends are live nodes, found through the
// RoadmapNode id index (migration 004). `written` lets the caller check that every row reached the graph.
UNWIND $rows AS row
MATCH (a:RoadmapNode {id: row.from}) USING INDEX a:RoadmapNode(id) WHERE row.fromLabel IN labels(a)
MATCH (b:RoadmapNode {id: row.to}) USING INDEX b:RoadmapNode(id) WHERE row.toLabel IN labels(b)
MERGE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS written
