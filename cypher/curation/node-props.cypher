// The properties of one live node ($label: GdcCommitment or Entity, chosen by the caller), found
// through the RoadmapNode id index. No row when it does not exist.
MATCH (n:RoadmapNode {id: $id}) WHERE $label IN labels(n)
RETURN properties(n) AS props
