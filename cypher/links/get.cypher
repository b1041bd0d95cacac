// The current state of the given links, one row per link that exists.
// $keys: [{kind, type, fromLabel, toLabel, from, to}], labels and type from the link registry
// (src/domain/links.ts), never from user input. Ends are found through the RoadmapNode id index
// (migration 004): a dynamic label in a node pattern would scan every node in Neo4j 5.26.
UNWIND $keys AS k
MATCH (a:RoadmapNode {id: k.from}) USING INDEX a:RoadmapNode(id) WHERE k.fromLabel IN labels(a)
MATCH (b:RoadmapNode {id: k.to}) USING INDEX b:RoadmapNode(id) WHERE k.toLabel IN labels(b)
MATCH (a)-[r:$(k.type)]->(b)
RETURN k.kind AS kind, k.from AS from, k.to AS to,
       r {.role, .status, .rationale, .sourceDocument, .sourceLocator, .sourceUrl,
          .createdAt, .createdBy, .updatedAt, .updatedBy} AS props
