// Every node of a registry kind (src/domain/nodes.ts) also carries the label RoadmapNode, indexed on
// `id`. Queries that take a node's label as a parameter (the link registry's one query per operation)
// find it through this index — `MATCH (n:RoadmapNode {id: $id}) WHERE $label IN labels(n)` — because
// Neo4j 5.26 cannot plan an index seek for a dynamic label (`MATCH (n:$($label) {id: $id})` scans
// every node). Ids are unique per label, not across labels, so the index is not unique.
CREATE INDEX roadmap_node_id IF NOT EXISTS FOR (n:RoadmapNode) ON (n.id);
MATCH (n)
WHERE n:ActionLine OR n:GdcObjective OR n:GdcCommitment OR n:Sdg OR n:SdgTarget OR n:SdgIndicator OR n:Entity
SET n:RoadmapNode;
