// Creates a GDC commitment under its objective (the caller checked the id is free, live or retired;
// the unique constraint guards races). It carries RoadmapNode like every registry node (migration 004). $props: the node's properties; $under: the UNDER link's.
MATCH (o:GdcObjective {id: $objective})
CREATE (c:GdcCommitment:RoadmapNode)
SET c = $props
CREATE (c)-[u:UNDER]->(o)
SET u = $under
RETURN c.id AS id
