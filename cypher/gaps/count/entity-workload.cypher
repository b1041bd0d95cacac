// How many items gap kind "entity-workload" has (see cypher/gaps/entity-workload.cypher): the same filter,
// counted without building a list. Links count when their status is in $active.
RETURN COUNT { MATCH (:Entity) } AS total
