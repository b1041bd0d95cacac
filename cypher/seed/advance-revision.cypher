// Called once per seed load that changed the graph: advances the graph revision and records the
// change in the audit log, in the load's own transaction.
MERGE (revision:GraphRevision {id: 'graph'})
ON CREATE SET revision.value = 0
SET revision.value = revision.value + 1
CREATE (:Change {
  id: $changeId, at: $at, actor: 'seed', role: 'system', action: 'seed.load', target: 'graph',
  before: null, after: $after, reason: 'npm run seed', revision: revision.value
})
RETURN revision.value AS revision
