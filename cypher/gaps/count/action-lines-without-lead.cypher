// How many items gap kind "action-lines-without-lead" has (see cypher/gaps/action-lines-without-lead.cypher): the same filter,
// counted without building a list. Links count when their status is in $active.
RETURN COUNT {
  MATCH (a:ActionLine)
  WHERE a.id <> 'C7'
    AND NOT EXISTS { MATCH (:Entity)-[f:FACILITATES {role: 'lead'}]->(a) WHERE f.status IN $active }
} AS total
