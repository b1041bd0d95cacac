// "entity-workload" (not a gap list): per entity, its lead / co / partner FACILITATES and its
// RESPONSIBLE_FOR links with status in $active; busiest first (sum of the four), then by id. One
// row per entity, the page $offset.. ($limit rows; null = all). The counts are degree checks on
// each entity, so the whole ranking costs one pass over the entities.
MATCH (e:Entity)
WITH e,
     COUNT { MATCH (e)-[f:FACILITATES {role: 'lead'}]->(:ActionLine) WHERE f.status IN $active } AS lead,
     COUNT { MATCH (e)-[f:FACILITATES {role: 'co'}]->(:ActionLine) WHERE f.status IN $active } AS co,
     COUNT { MATCH (e)-[f:FACILITATES {role: 'partner'}]->(:ActionLine) WHERE f.status IN $active } AS partner,
     COUNT { MATCH (e)-[r:RESPONSIBLE_FOR]->(:GdcCommitment) WHERE r.status IN $active } AS responsibilities
ORDER BY lead + co + partner + responsibilities DESC, e.id
SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
RETURN e.id AS id, e.name AS label, lead, co, partner, responsibilities
