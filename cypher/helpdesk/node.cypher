// One node asked for by id in /v1/helpdesk (?target=, ?commitment=, ?actionLine=): its label in
// $language where translated, else English; no row when there is no such node.
MATCH (n:RoadmapNode {id: $id})
WHERE $label IN labels(n)
RETURN n.id AS id, $label AS label,
       coalesce(n['shortTitle_' + $language], n['title_' + $language], n.label, n.shortTitle, n.title) AS title
