// Every node of the database for a backup: its element id (only to wire relationships within the
// dump), its labels and its properties. Ordered by element id so a dump of an unchanged graph is stable.
MATCH (n)
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props
ORDER BY id
