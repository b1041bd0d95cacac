// Creates or updates links inside the caller's write transaction. $rows: [{kind, type, fromLabel,
// toLabel, from, to, props}] (keys as in get.cypher); props are the link's properties, already merged
// with its current state by the caller (a null value removes a property, e.g. a cleared rationale).
// `written` lets the caller check that every row reached the graph.
UNWIND $rows AS row
MATCH (a:RoadmapNode {id: row.from}) USING INDEX a:RoadmapNode(id) WHERE row.fromLabel IN labels(a)
MATCH (b:RoadmapNode {id: row.to}) USING INDEX b:RoadmapNode(id) WHERE row.toLabel IN labels(b)
MERGE (a)-[r:$(row.type)]->(b)
SET r += row.props
RETURN count(r) AS written
