// UN entities ordered by id, one page plus the total in one round trip. Filters when not null:
// $ungisMember (boolean), and $role = entities holding at least one non-retired FACILITATES or
// RESPONSIBLE_FOR link with that role.
MATCH (e:Entity)
WHERE ($ungisMember IS NULL OR e.ungisMember = $ungisMember)
  AND ($role IS NULL OR EXISTS {
    MATCH (e)-[r:FACILITATES|RESPONSIBLE_FOR]->()
    WHERE r.role = $role AND r.status <> 'retired'
  })
WITH e ORDER BY e.id
WITH collect(e {
  .id, .name, .kind, .ungisMember, .verified, .membershipConfidence,
  source: {document: e.sourceDocument, locator: e.sourceLocator, url: e.sourceUrl}
}) AS entities
RETURN size(entities) AS total, entities[$offset..($offset + $limit)] AS items
