// Restore: creates one batch of nodes with their labels and properties (dynamic labels, Neo4j 5.26+)
// and returns each new element id in input order, so relationships can be wired to them.
UNWIND $nodes AS row
CREATE (n:$(row.labels))
SET n = row.props
RETURN row.key AS key, elementId(n) AS id
