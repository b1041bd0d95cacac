// The newest change that does not record per-record before/after (a bulk seed load): states before
// it cannot be rebuilt from the log. null when there is none.
OPTIONAL MATCH (c:Change {action: 'seed.load'})
RETURN max(c.revision) AS barrier
