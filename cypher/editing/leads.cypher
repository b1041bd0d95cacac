// The current lead facilitators (role lead, not retired) of the given action lines: the roadmap
// allows one lead per action line.
UNWIND $actionLines AS id
MATCH (e:Entity)-[f:FACILITATES {role: 'lead'}]->(:ActionLine {id: id})
WHERE coalesce(f.status, 'endorsed') <> 'retired'
RETURN id AS actionLine, collect(e.id) AS leads
