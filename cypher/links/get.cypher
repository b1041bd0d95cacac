// The current state of the given links, one row per link that exists.
// $keys: [{kind, type, fromLabel, toLabel, from, to}], labels and type from the link registry
// (src/domain/links.ts), never from user input.
UNWIND $keys AS k
MATCH (:$(k.fromLabel) {id: k.from})-[r:$(k.type)]->(:$(k.toLabel) {id: k.to})
RETURN k.kind AS kind, k.from AS from, k.to AS to,
       r {.role, .status, .rationale, .sourceDocument, .sourceLocator, .sourceUrl,
          .createdAt, .createdBy, .updatedAt, .updatedBy} AS props
