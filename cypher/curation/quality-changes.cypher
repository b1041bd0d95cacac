// The change log entries that can move the quality counts (writes whose target is a commitment or an
// entity), after the last seed load, newest first: the quality history is replayed backwards from
// them. Older history cannot be rebuilt because a seed load records totals only.
CALL () {
  OPTIONAL MATCH (s:Change {action: 'seed.load'})
  RETURN coalesce(max(s.revision), 0) AS since
}
CALL (since) {
  MATCH (c:Change)
  WHERE c.revision > since AND (c.target =~ 'gdc/commitments/[^/]+' OR c.target =~ 'entities/[^/]+')
  WITH c ORDER BY c.revision DESC, c.seq DESC
  RETURN collect(c {.revision, .at, .target, .before, .after}) AS changes
}
RETURN since, changes
