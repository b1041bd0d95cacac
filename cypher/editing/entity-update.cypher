// Updates an entity's properties; $props holds only the fields being changed (flattened source).
MATCH (e:Entity {id: $id})
SET e += $props
RETURN e.id AS id
