// Inside a time-travel transaction that is always rolled back: undoes one renumber. The tombstone
// that kept the old id goes, and the node now under $current (live, or retired since) gets $old
// back; it kept its identity through the renumber, so its links come back with it. $family
// (Entity or GdcCommitment) comes from the change log, never from user input.
CALL () {
  OPTIONAL MATCH (goneEntity:RetiredEntity {id: $old}) WHERE $family = 'Entity'
  OPTIONAL MATCH (goneCommitment:RetiredGdcCommitment {id: $old}) WHERE $family = 'GdcCommitment'
  WITH coalesce(goneEntity, goneCommitment) AS tombstone
  WHERE tombstone IS NOT NULL
  DETACH DELETE tombstone
}
CALL () {
  OPTIONAL MATCH (live:RoadmapNode {id: $current}) USING INDEX live:RoadmapNode(id) WHERE $family IN labels(live)
  OPTIONAL MATCH (goneEntity:RetiredEntity {id: $current}) WHERE $family = 'Entity'
  OPTIONAL MATCH (goneCommitment:RetiredGdcCommitment {id: $current}) WHERE $family = 'GdcCommitment'
  WITH coalesce(live, goneEntity, goneCommitment) AS node
  WHERE node IS NOT NULL
  SET node.id = $old
  RETURN count(node) AS renamed
}
RETURN renamed
