// Gap kind "activities-past-due": activities neither completed nor cancelled whose due period
// ("2026" or "2026-Q2") ended on or before $today (an ISO date: the judgement depends on the day),
// by number; the page $offset.. ($limit rows; null = all, for the exports).
MATCH (a:Activity)
WHERE NOT a.status IN ['completed', 'cancelled']
WITH a, toInteger(left(a.due, 4)) AS year,
     CASE WHEN size(a.due) > 4 THEN toInteger(right(a.due, 1)) ELSE 4 END AS quarter
WITH a, date({year: year, month: 1, day: 1}) + duration({months: quarter * 3}) AS ended
WHERE ended <= date($today)
WITH a, ended ORDER BY toInteger(substring(a.id, 1))
SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
RETURN a.id AS id, a.title AS label, a.due AS due, a.status AS status, toString(ended) AS ended,
       head([(e:Entity)-[:LEADS]->(a) | e.id]) AS lead, $today AS today
