// One entity's editable state (for the change log's before/after and 404s).
MATCH (e:Entity {id: $id})
RETURN e {.id, .name, .kind, .ungisMember, .verified, .membershipConfidence,
          source: {document: e.sourceDocument, locator: e.sourceLocator, url: e.sourceUrl}} AS entity
