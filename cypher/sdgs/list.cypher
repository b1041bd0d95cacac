// Titles in $language (ar, zh, en, fr, ru, es) where the graph has them (title_<lang>), else English.
// The 17 SDGs in number order, one page plus the total in one round trip.
// Ids are stored as strings ("1".."17") and returned as integers, as the API shows them.
MATCH (g:Sdg)
WITH g ORDER BY toInteger(g.id)
WITH collect(g) AS goals
RETURN size(goals) AS total,
       [g IN goals[$offset..($offset + $limit)] | g {
         id: toInteger(g.id),
         title: coalesce(g['title_' + $language], g.title),
         shortTitle: coalesce(g['shortTitle_' + $language], g.shortTitle),
         .uri,
         source: {document: g.sourceDocument, locator: g.sourceLocator, url: g.sourceUrl}
       }] AS items
