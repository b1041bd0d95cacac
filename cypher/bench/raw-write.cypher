// bench:scale — the baseline write: what PUT /v1/action-lines/{id}/facilitators/{entity} does in
// Neo4j, in one transaction, without the API: take the revision lock, set the link, advance the
// revision, append a Change.
MERGE (rev:GraphRevision {id: 'graph'})
SET rev._lock = true
REMOVE rev._lock
WITH rev
MATCH (e:Entity {id: $entity}), (a:ActionLine {id: $line})
MERGE (e)-[f:FACILITATES]->(a)
SET f.role = $role, f.status = 'proposed', f.sourceDocument = 'bench', f.sourceLocator = 'bench', f.createdBy = 'bench'
SET rev.value = rev.value + 1
CREATE (:Change {id: randomUUID(), at: datetime(), actor: 'bench', role: 'editor', action: 'facilitator.put',
                 target: 'action-lines/' + $line + '/facilitators/' + $entity, revision: rev.value})
RETURN rev.value AS revision
