// Sets a live GDC commitment's properties; $props holds only the fields being changed (null removes one).
MATCH (c:GdcCommitment {id: $id})
SET c += $props
RETURN c.id AS id
