// Retires a live GDC commitment without deleting it: the node moves under the tombstone label
// :RetiredGdcCommitment, without RoadmapNode (so no read or link write of the live roadmap sees it) and keeps its links, which the
// caller has retired first (links-put). $props: retiredAt, retiredBy, retiredReason, curatedAt, ...
MATCH (c:GdcCommitment {id: $id})
REMOVE c:GdcCommitment:RoadmapNode
SET c:RetiredGdcCommitment, c += $props
RETURN c.id AS id
