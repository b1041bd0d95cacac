// Every progress report of one activity, oldest year first.
MATCH (p:Progress {activityId: $activityId})
WITH p ORDER BY p.year
RETURN p {.activityId, .year, .status, .narrative, .actualsJson, .evidence, .submittedBy, .submittedAt} AS progress
