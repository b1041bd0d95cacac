// Whether the ?entity= filter names an entity (null: no filter, so yes).
RETURN $entity IS NULL OR EXISTS { MATCH (:Entity {id: $entity}) } AS entityKnown
