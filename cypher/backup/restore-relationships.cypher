// Restore: creates one batch of relationships between nodes created earlier in the same
// transaction, found by element id (a direct lookup, no index needed).
UNWIND $relationships AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created
