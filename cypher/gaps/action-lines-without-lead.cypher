// Gap kind "action-lines-without-lead": action lines and C7 sub-lines with no lead FACILITATES
// (status in $active); C7 itself is represented by its sub-lines and never listed. Natural order
// (C1…C11, sub-lines after their line), id last; one row per line, the page $offset.. ($limit rows;
// null = all). The other facilitators and the retired leads are looked up for the page only.
MATCH (a:ActionLine)
WHERE a.sortKey IS NOT NULL // every line has one (seed loader, start-up); lets the order key's index serve the order
  AND a.id <> 'C7'
  AND NOT EXISTS { MATCH (:Entity)-[f:FACILITATES {role: 'lead'}]->(a) WHERE f.status IN $active }
WITH a
ORDER BY a.sortKey, a.id
SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
RETURN a.id AS id, a.title AS label,
       COLLECT {
         MATCH (e:Entity)-[f:FACILITATES]->(a) WHERE f.status IN $active
         RETURN f.role + ':' + e.id ORDER BY CASE f.role WHEN 'co' THEN 0 ELSE 1 END, e.id
       } AS facilitators,
       COLLECT {
         MATCH (e:Entity)-[f:FACILITATES {role: 'lead'}]->(a) RETURN e.id + ' (' + f.status + ')' ORDER BY e.id
       } AS inactiveLeads
