// Changes with $since < revision <= $until in the order they happened (oldest first): what a
// Server-Sent Events stream sends to a client that has seen everything up to $since.
MATCH (c:Change)
WHERE c.revision > $since AND c.revision <= $until
WITH c ORDER BY c.revision, c.seq
RETURN c {.id, .at, .actor, .role, .action, .target, .before, .after, .reason, .revision} AS change
