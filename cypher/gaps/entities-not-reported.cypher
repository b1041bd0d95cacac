// Gap kind "entities-not-reported": per open reporting year, each entity leading activities (not
// cancelled) that have no progress report for that year, with those activities; by year, entity;
// the page $offset.. ($limit rows; null = all, for the exports).
MATCH (y:ReportingCycle {status: 'open'})
MATCH (e:Entity)-[:LEADS]->(a:Activity)
WHERE a.status <> 'cancelled' AND NOT EXISTS { (:Progress {year: y.year})-[:REPORTS_ON]->(a) }
WITH y, e, a ORDER BY y.year, e.id, toInteger(substring(a.id, 1))
WITH y, e, collect(a.id) AS missing
ORDER BY y.year, e.id
SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
RETURN y.year AS year, e.id AS entity, coalesce(e.name, e.id) AS label, missing
