// Every roadmap link of an entity (live or retired node), with all its properties, in a stable order.
OPTIONAL MATCH (live:Entity {id: $id})
OPTIONAL MATCH (gone:RetiredEntity {id: $id})
WITH coalesce(live, gone) AS e
MATCH (e)-[r:FACILITATES|RESPONSIBLE_FOR]->(b)
RETURN type(r) AS kind, b.id AS to, properties(r) AS props
ORDER BY kind, to
