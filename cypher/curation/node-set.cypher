// Sets properties ($props; null removes one) on one live node ($label chosen by the caller).
MATCH (n:RoadmapNode {id: $id}) WHERE $label IN labels(n)
SET n += $props
RETURN n.id AS id
