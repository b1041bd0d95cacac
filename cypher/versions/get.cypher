// One version by id; no row when there is none.
MATCH (v:Version {id: $id})
RETURN v {.*} AS version
