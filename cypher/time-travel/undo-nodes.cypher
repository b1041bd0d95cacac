// Inside a time-travel transaction that is always rolled back: puts nodes back as they were.
// $restore: [{label, id, props}] editable properties then; $remove: [{label, id}] nodes created
// since (their links were created later still, so they go too). Labels come from the change log's
// actions (entity.*, commitment.*), never from user input; nodes are found through the RoadmapNode
// id index (migration 004).
CALL () {
  UNWIND $restore AS n
  MATCH (node:RoadmapNode {id: n.id}) USING INDEX node:RoadmapNode(id) WHERE n.label IN labels(node)
  SET node += n.props
  RETURN count(node) AS restored
}
CALL () {
  UNWIND $remove AS n
  MATCH (node:RoadmapNode {id: n.id}) USING INDEX node:RoadmapNode(id) WHERE n.label IN labels(node)
  DETACH DELETE node
  RETURN count(*) AS removed
}
RETURN restored, removed
