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
  partners: COLLECT { MATCH (e:Entity)-[:PARTNER_IN]->(a) RETURN e.id ORDER BY e.id },
  actionLines: COLLECT { MATCH (a)-[:SERVES]->(l:ActionLine) RETURN l.id ORDER BY l.sortKey },
  commitments: COLLECT {
    MATCH (a)-[:SERVES]->(c:GdcCommitment) RETURN c.id ORDER BY c.paragraph, coalesce(c.letter, ''), c.id
  },
  // 9.1 before 9.10, numbered targets before lettered ones (9.a)
  targets: COLLECT {
    MATCH (a)-[:SERVES]->(t:SdgTarget)
    RETURN t.id ORDER BY toInteger(split(t.id, '.')[0]), toInteger(split(t.id, '.')[1]), t.id
  },
  source: {document: a.sourceDocument, locator: a.sourceLocator, url: a.sourceUrl}
}] AS items
