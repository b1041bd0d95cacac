// The one definition of the action-line order: C1..C11 by number, a C7 sub-line right after C7 in
// its ordinal order. Stored as a.sortKey so that every query orders by `a.sortKey`. Run by the seed
// loader after it writes action lines, and at start-up for graphs seeded before the key existed.
MATCH (a:ActionLine)
WITH a, toInteger(split(substring(a.id, 1), '.')[0]) * 1000 + CASE a.kind WHEN 'subline' THEN a.ordinal ELSE 0 END AS key
WHERE a.sortKey IS NULL OR a.sortKey <> key
SET a.sortKey = key
RETURN count(a) AS updated
