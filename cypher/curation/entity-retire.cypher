// Retires a live entity without deleting it: the node moves under the tombstone label :RetiredEntity
// (without RoadmapNode) and keeps its links (retired by the caller first, or moved away by a merge). $props: retiredAt,
// retiredBy, retiredReason, mergedInto (a merge), curatedAt, ...
MATCH (e:Entity {id: $id})
REMOVE e:Entity:RoadmapNode
SET e:RetiredEntity, e += $props
RETURN e.id AS id
