// Action lines in their natural order (C1…C11, each C7 sub-line right after C7), one page of them
// plus the total, in one round trip. $kind filters to 'line' or 'subline' when not null.
MATCH (a:ActionLine)
WHERE $kind IS NULL OR a.kind = $kind
WITH a ORDER BY a.sortKey
WITH collect(a) AS lines
RETURN size(lines) AS total,
       [a IN lines[$offset..($offset + $limit)] | a {
         .id, .title, .titleGeneva2003, .kind,
         parent: CASE a.kind WHEN 'subline' THEN 'C7' ELSE null END,
         source: {document: a.sourceDocument, locator: a.sourceLocator, url: a.sourceUrl}
       }] AS items
