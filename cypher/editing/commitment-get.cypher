// One GDC commitment's editable state (for the change log's before/after and 404s).
MATCH (c:GdcCommitment {id: $id})
RETURN c {.id, .label, .section, .sectionTitle, .summary, .verified, .confidence,
          source: {document: c.sourceDocument, locator: c.sourceLocator, url: c.sourceUrl}} AS commitment
