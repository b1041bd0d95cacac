// One reporting cycle by year; no row when it was never opened.
MATCH (c:ReportingCycle {year: $year})
RETURN c {.year, .status, .openedAt, .openedBy, .closedAt, .closedBy} AS cycle
