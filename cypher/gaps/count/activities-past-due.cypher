// How many items gap kind "activities-past-due" has (see cypher/gaps/activities-past-due.cypher), on $today.
MATCH (a:Activity)
WHERE NOT a.status IN ['completed', 'cancelled']
WITH toInteger(left(a.due, 4)) AS year, CASE WHEN size(a.due) > 4 THEN toInteger(right(a.due, 1)) ELSE 4 END AS quarter
WHERE date({year: year, month: 1, day: 1}) + duration({months: quarter * 3}) <= date($today)
RETURN count(*) AS total
