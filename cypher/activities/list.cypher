// Activities, optionally those an entity leads ($lead) or takes part in ($entity), or serving an
// action line, commitment or target, or of one status; in id order (A1, A2, … A10).
MATCH (a:Activity)
WHERE ($lead IS NULL OR EXISTS { (:Entity {id: $lead})-[:LEADS]->(a) })
  AND ($entity IS NULL OR EXISTS { (:Entity {id: $entity})-[:LEADS|PARTNER_IN]->(a) })
  AND ($actionLine IS NULL OR EXISTS { (a)-[:SERVES]->(:ActionLine {id: $actionLine}) })
  AND ($commitment IS NULL OR EXISTS { (a)-[:SERVES]->(:GdcCommitment {id: $commitment}) })
  AND ($target IS NULL OR EXISTS { (a)-[:SERVES]->(:SdgTarget {id: $target}) })
  AND ($status IS NULL OR a.status = $status)
WITH a ORDER BY toInteger(substring(a.id, 1))
WITH collect(a) AS found
RETURN size(found) AS total, [a IN found[$offset..$end] | a {
  .id, .title, .description, .start, .due, .status, .indicatorsJson,
  .createdAt, .createdBy, .updatedAt, .updatedBy,
  lead: head([(e:Entity)-[:LEADS]->(a) | e.id]),
  partners: [(e:Entity)-[:PARTNER_IN]->(a) | e.id],
  actionLines: [(a)-[:SERVES]->(l:ActionLine) | l.id],
  commitments: [(a)-[:SERVES]->(c:GdcCommitment) | c.id],
  targets: [(a)-[:SERVES]->(t:SdgTarget) | t.id],
  source: {document: a.sourceDocument, locator: a.sourceLocator, url: a.sourceUrl}
}] AS items
