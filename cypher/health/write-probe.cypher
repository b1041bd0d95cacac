// Readiness: proves a write transaction can run and commit (leader reachable, database writable)
// without leaving anything behind: the probe node is created and deleted in the same transaction,
// so the roadmap, its revision and its change log stay untouched.
CREATE (p:ReadinessProbe {at: datetime()})
DELETE p
RETURN true AS writable
