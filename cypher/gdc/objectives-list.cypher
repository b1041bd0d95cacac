// GDC objectives in number order, one page plus the total in one round trip.
// Ids are stored as strings ("1".."5") and returned as integers, as the API shows them.
MATCH (o:GdcObjective)
WITH o ORDER BY toInteger(o.id)
WITH collect(o) AS objectives
RETURN size(objectives) AS total,
       [o IN objectives[$offset..($offset + $limit)] | o {
         id: toInteger(o.id), .title, .verified, .confidence,
         source: {document: o.sourceDocument, locator: o.sourceLocator, url: o.sourceUrl}
       }] AS items
