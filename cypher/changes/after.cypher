// Every Change recorded after time $after (ISO 8601), newest first: what the coverage history undoes,
// one record at a time, to see the roadmap as it stood at an earlier moment.
MATCH (c:Change)
WHERE c.at > $after
WITH c ORDER BY c.revision DESC, c.seq DESC
RETURN c {.at, .action, .before, .after, .revision} AS change
