// One page of the change log, newest first, plus the total, filtered by revision (> $since),
// actor, and target (exact, or everything under it: "action-lines/C2" also finds
// "action-lines/C2/facilitators/ITU"). Null filters are ignored.
CALL () {
  MATCH (c:Change)
  WHERE ($since IS NULL OR c.revision > $since)
    AND ($actor IS NULL OR c.actor = $actor)
    AND ($target IS NULL OR c.target = $target OR c.target STARTS WITH $target + '/')
  RETURN count(c) AS total
}
CALL () {
  MATCH (c:Change)
  WHERE ($since IS NULL OR c.revision > $since)
    AND ($actor IS NULL OR c.actor = $actor)
    AND ($target IS NULL OR c.target = $target OR c.target STARTS WITH $target + '/')
  WITH c ORDER BY c.revision DESC, c.seq DESC
  SKIP $offset LIMIT $limit
  RETURN collect(c {.id, .at, .actor, .role, .action, .target, .before, .after, .reason, .revision}) AS items
}
RETURN total, items
