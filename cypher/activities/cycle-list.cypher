// Every reporting cycle, newest year first.
MATCH (c:ReportingCycle)
WITH c ORDER BY c.year DESC
RETURN c {.year, .status, .openedAt, .openedBy, .closedAt, .closedBy} AS cycle
