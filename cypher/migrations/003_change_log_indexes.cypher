// The change log is read newest first and filtered by revision, actor and target.
CREATE INDEX change_revision IF NOT EXISTS FOR (c:Change) ON (c.revision);
CREATE INDEX change_actor IF NOT EXISTS FOR (c:Change) ON (c.actor);
CREATE INDEX change_target IF NOT EXISTS FOR (c:Change) ON (c.target);
