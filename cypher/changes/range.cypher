// Changes after the cursor ($since, $afterSeq) up to revision $until, in the order they happened
// (revision, then seq within a write): what a Server-Sent Events stream sends to a client that has
// seen everything up to the cursor. $afterSeq null: all of revision $since was seen; a number: the
// client saw that revision's changes up to that seq (it resumed with Last-Event-ID "<revision>.<seq>").
MATCH (c:Change)
WHERE (c.revision > $since OR (c.revision = $since AND $afterSeq IS NOT NULL AND c.seq > $afterSeq))
  AND c.revision <= $until
WITH c ORDER BY c.revision, c.seq
RETURN c {.id, .at, .actor, .role, .action, .target, .before, .after, .reason, .revision, .seq} AS change
