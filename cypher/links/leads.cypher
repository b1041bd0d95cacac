// The current leads (role lead, not retired) of the given `to` nodes of a one-lead link kind
// (FACILITATES: one lead per action line). $type, $fromLabel, $toLabel from the link registry.
UNWIND $toIds AS id
MATCH (target:RoadmapNode {id: id}) USING INDEX target:RoadmapNode(id) WHERE $toLabel IN labels(target)
MATCH (e)-[f:$($type) {role: 'lead'}]->(target)
WHERE $fromLabel IN labels(e) AND coalesce(f.status, 'endorsed') <> 'retired'
RETURN id AS to, collect(e.id) AS leads
