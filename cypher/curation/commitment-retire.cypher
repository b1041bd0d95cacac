// Retires a live GDC commitment without deleting it: the node moves under the tombstone label
// :RetiredGdcCommitment (so no read of the live roadmap sees it) and keeps its links, which the
// caller has retired first (links-put). $props: retiredAt, retiredBy, retiredReason, curatedAt, ...
MATCH (c:GdcCommitment {id: $id})
REMOVE c:GdcCommitment
SET c:RetiredGdcCommitment, c += $props
RETURN c.id AS id
