// One progress report ("<activity>/<year>"); no row when there is none.
MATCH (p:Progress {id: $id})
RETURN p {.activityId, .year, .status, .narrative, .actualsJson, .evidence, .submittedBy, .submittedAt} AS progress
