// Writes one activity's progress report for one year (replacing an earlier one for that year) and
// sets the activity's status to the one reported. The caller checked the activity and the cycle.
MATCH (a:Activity {id: $props.activityId})
MERGE (p:Progress {id: $props.id})
SET p = $props
MERGE (p)-[:REPORTS_ON]->(a)
SET a.status = $props.status
RETURN p.id AS id
