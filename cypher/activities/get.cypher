// One activity with what it links to; no row when there is none.
MATCH (a:Activity {id: $id})
RETURN a {
  .id, .title, .description, .start, .due, .status, .indicatorsJson,
  .createdAt, .createdBy, .updatedAt, .updatedBy,
  lead: head([(e:Entity)-[:LEADS]->(a) | e.id]),
  partners: [(e:Entity)-[:PARTNER_IN]->(a) | e.id],
  actionLines: [(a)-[:SERVES]->(l:ActionLine) | l.id],
  commitments: [(a)-[:SERVES]->(c:GdcCommitment) | c.id],
  targets: [(a)-[:SERVES]->(t:SdgTarget) | t.id],
  source: {document: a.sourceDocument, locator: a.sourceLocator, url: a.sourceUrl}
} AS activity
