// bench:scale — creates synthetic replica nodes: $rows [{label, props}] (props include the new id),
// each also a RoadmapNode like every registry node (migration 004), so link writes find them.
UNWIND $rows AS row
CREATE (n:$(row.label):RoadmapNode)
SET n = row.props
RETURN count(n) AS created
