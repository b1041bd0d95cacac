// One GDC objective ($id is the stored string, "1".."5") with the commitments under it,
// in paragraph order. No row when the objective does not exist.
MATCH (o:GdcObjective {id: $id})
CALL (o) {
  OPTIONAL MATCH (c:GdcCommitment)-[:UNDER]->(o)
  WITH c ORDER BY c.paragraph, coalesce(c.letter, '')
  RETURN collect(c {.id, .label, .section, .sectionTitle}) AS commitments
}
RETURN o {
  id: toInteger(o.id), .title, .verified, .confidence,
  source: {document: o.sourceDocument, locator: o.sourceLocator, url: o.sourceUrl},
  commitments: commitments
} AS objective
