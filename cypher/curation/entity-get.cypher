// One entity as curation sees it, live or retired (a :RetiredEntity tombstone keeps its id). No row
// when the id was never used.
OPTIONAL MATCH (live:Entity {id: $id})
OPTIONAL MATCH (gone:RetiredEntity {id: $id})
WITH coalesce(live, gone) AS e, gone IS NOT NULL AS retired
WHERE e IS NOT NULL
RETURN e {
  .id, .name, .kind, .ungisMember, .verified, .membershipConfidence,
  source: {document: e.sourceDocument, locator: e.sourceLocator, url: e.sourceUrl},
  status: CASE WHEN retired THEN 'retired' ELSE 'active' END,
  mergedInto: e.mergedInto, retiredAt: e.retiredAt, retiredReason: e.retiredReason,
  curatedAt: e.curatedAt, curatedBy: e.curatedBy
} AS entity
