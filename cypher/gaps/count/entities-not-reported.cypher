// How many items gap kind "entities-not-reported" has (see cypher/gaps/entities-not-reported.cypher).
MATCH (y:ReportingCycle {status: 'open'})
MATCH (e:Entity)-[:LEADS]->(a:Activity)
WHERE a.status <> 'cancelled' AND NOT EXISTS { (:Progress {year: y.year})-[:REPORTS_ON]->(a) }
WITH DISTINCT y, e
RETURN count(*) AS total
