// Deletes links inside the caller's write transaction. $keys as in get.cypher.
// `deleted` lets the caller check that every link was found.
UNWIND $keys AS k
MATCH (a:RoadmapNode {id: k.from}) USING INDEX a:RoadmapNode(id) WHERE k.fromLabel IN labels(a)
MATCH (b:RoadmapNode {id: k.to}) USING INDEX b:RoadmapNode(id) WHERE k.toLabel IN labels(b)
MATCH (a)-[r:$(k.type)]->(b)
DELETE r
RETURN count(*) AS deleted
