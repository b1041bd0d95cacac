// Creates an entity (the caller checked the id is free, live or retired; the unique constraint guards races).
CREATE (e:Entity:RoadmapNode)
SET e = $props
RETURN e.id AS id
