// Every named version, oldest first.
MATCH (v:Version)
WITH v ORDER BY v.revision, v.createdAt, v.id
RETURN v {.*} AS version
