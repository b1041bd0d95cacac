// One GDC commitment as curation sees it, live or retired (a :RetiredGdcCommitment tombstone keeps
// its id): every editable field, the SDGs it cites (non-retired CONTRIBUTES_TO) and its links'
// count. No row when the id was never used.
OPTIONAL MATCH (live:GdcCommitment {id: $id})
OPTIONAL MATCH (gone:RetiredGdcCommitment {id: $id})
WITH coalesce(live, gone) AS c, gone IS NOT NULL AS retired
WHERE c IS NOT NULL
OPTIONAL MATCH (c)-[:UNDER]->(o:GdcObjective)
RETURN c {
  .id, .label, .paragraph, .letter, objective: o.id, .section, .sectionTitle, .summary, .verified, .confidence,
  source: {document: c.sourceDocument, locator: c.sourceLocator, url: c.sourceUrl},
  sdgs: COLLECT { MATCH (c)-[s:CONTRIBUTES_TO]->(g:Sdg) WHERE s.status <> 'retired' RETURN g.id ORDER BY toInteger(g.id) },
  status: CASE WHEN retired THEN 'retired' ELSE 'active' END,
  replacedBy: c.replacedBy, retiredAt: c.retiredAt, retiredReason: c.retiredReason,
  curatedAt: c.curatedAt, curatedBy: c.curatedBy
} AS commitment
