// Sets properties ($props; null removes one) on one link; $type, $fromLabel, $toLabel from the link registry.
MATCH (a:RoadmapNode {id: $from}) WHERE $fromLabel IN labels(a)
MATCH (b:RoadmapNode {id: $to}) WHERE $toLabel IN labels(b)
MATCH (a)-[r:$($type)]->(b)
SET r += $props
RETURN count(r) AS written
