// The activities that name a live entity as lead or partner (any status), in id order: a retire is
// refused while there are any, a merge hands their roles to the survivor.
MATCH (:Entity {id: $id})-[r:LEADS|PARTNER_IN]->(a:Activity)
RETURN a.id AS id, CASE type(r) WHEN 'LEADS' THEN 'lead' ELSE 'partner' END AS role, a.status AS status
ORDER BY toInteger(substring(a.id, 1)), role
