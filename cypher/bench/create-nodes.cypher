// bench:scale — creates synthetic replica nodes: $rows [{label, props}] (props include the new id).
UNWIND $rows AS row
CREATE (n:$(row.label))
SET n = row.props
RETURN count(n) AS created
