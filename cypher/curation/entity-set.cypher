// Sets a live entity's properties; $props holds only the fields being changed (null removes one).
MATCH (e:Entity {id: $id})
SET e += $props
RETURN e.id AS id
