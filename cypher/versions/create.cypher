// Names a state of the roadmap: a Version is a label on a graph revision, written once.
CREATE (v:Version)
SET v = $version
RETURN v {.*} AS version
