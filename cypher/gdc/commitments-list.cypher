// GDC commitments in paragraph order (11(a), 11(b), …, 24, …), one page plus the total in one
// round trip. $objective ("1".."5") and $section ("s1"…) filter when not null.
MATCH (c:GdcCommitment)
OPTIONAL MATCH (c)-[:UNDER]->(o:GdcObjective)
WITH c, o
WHERE ($objective IS NULL OR o.id = $objective) AND ($section IS NULL OR c.section = $section)
WITH c, o ORDER BY c.paragraph, coalesce(c.letter, ''), c.id
WITH collect(c {
  .id, .label, .paragraph, .letter, objective: toInteger(o.id), .section, .sectionTitle, .summary,
  .verified, .confidence,
  source: {document: c.sourceDocument, locator: c.sourceLocator, url: c.sourceUrl}
}) AS commitments
RETURN size(commitments) AS total, commitments[$offset..($offset + $limit)] AS items
