// Which of the given node refs exist: lets a write name every unknown id (404 / import row errors).
// $refs: [{label, id}], labels from the node registry (src/domain/nodes.ts).
UNWIND $refs AS ref
WITH ref WHERE EXISTS { MATCH (:$(ref.label) {id: ref.id}) }
RETURN ref.label AS label, ref.id AS id
