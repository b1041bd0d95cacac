// Creates an entity (the caller checked the id is free; the unique constraint guards races). Like
// every node of a registry kind it carries RoadmapNode (migration 004), so link writes find it.
CREATE (e:Entity:RoadmapNode)
SET e = $props
RETURN e.id AS id
