// The changes with $after < revision <= $until ($until null: up to now), oldest first, with the
// full before/after states they recorded: what time travel undoes and what a diff compares.
MATCH (c:Change)
WHERE c.revision > $after AND ($until IS NULL OR c.revision <= $until)
WITH c ORDER BY c.revision, coalesce(c.seq, 0)
RETURN c.action AS action, c.target AS target, c.before AS before, c.after AS after, c.replay AS replay,
       c.revision AS revision
