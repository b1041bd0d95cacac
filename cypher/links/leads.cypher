// The current leads (role lead, not retired) of the given `to` nodes of a one-lead link kind
// (FACILITATES: one lead per action line). $type, $fromLabel, $toLabel from the link registry.
UNWIND $toIds AS id
MATCH (e:$($fromLabel))-[f:$($type) {role: 'lead'}]->(:$($toLabel) {id: id})
WHERE coalesce(f.status, 'endorsed') <> 'retired'
RETURN id AS to, collect(e.id) AS leads
