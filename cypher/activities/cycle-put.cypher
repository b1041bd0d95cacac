// Opens or closes a reporting cycle (the caller checked the transition).
MERGE (c:ReportingCycle {year: $props.year})
SET c = $props
RETURN c.year AS year
