// One activity with what it links to, each list in a stable order; no row when there is none.
MATCH (a:Activity {id: $id})
RETURN a {
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
} AS activity
