// Every progress report of one reporting year, keyed by activity.
MATCH (p:Progress {year: $year})
RETURN p {.activityId, .year, .status, .narrative, .actualsJson, .evidence, .submittedBy, .submittedAt} AS progress
