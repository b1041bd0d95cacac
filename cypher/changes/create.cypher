// Appends change records (the audit trail) inside the write transaction that made the changes.
// $changes: [{id, at, actor, role, action, target, before, after, reason, revision, seq}];
// before/after are JSON strings (or null). Nothing ever updates or deletes a Change.
UNWIND $changes AS c
CREATE (ch:Change)
SET ch = c
RETURN count(ch) AS created
