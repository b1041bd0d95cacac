// The endorsed version with the highest revision at or before $revision; no row when none is endorsed.
MATCH (v:Version)
WHERE v.endorsementDate IS NOT NULL AND v.revision <= $revision
WITH v ORDER BY v.revision DESC, v.id DESC
LIMIT 1
RETURN v {.*} AS version
