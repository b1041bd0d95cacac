// The properties of one link; $type, $fromLabel, $toLabel from the link registry. No row when it does not exist.
MATCH (a:RoadmapNode {id: $from}) WHERE $fromLabel IN labels(a)
MATCH (b:RoadmapNode {id: $to}) WHERE $toLabel IN labels(b)
MATCH (a)-[r:$($type)]->(b)
RETURN properties(r) AS props
