// Which of the given node refs exist: lets a write name every unknown id (404 / import row errors).
// $refs: [{label, id}], labels from the node registry (src/domain/nodes.ts); found through the
// RoadmapNode id index (migration 004).
UNWIND $refs AS ref
WITH ref WHERE EXISTS { MATCH (n:RoadmapNode {id: ref.id}) WHERE ref.label IN labels(n) }
RETURN ref.label AS label, ref.id AS id
