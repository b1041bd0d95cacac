// Updates a GDC commitment's editable properties; $props holds only the fields being changed.
MATCH (c:GdcCommitment {id: $id})
SET c += $props
RETURN c.id AS id
