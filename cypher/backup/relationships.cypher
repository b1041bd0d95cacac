// Every relationship of the database for a backup: type, the element ids of both ends, properties.
MATCH (a)-[r]->(b)
RETURN elementId(a) AS from, elementId(b) AS to, type(r) AS type, properties(r) AS props
ORDER BY elementId(r)
