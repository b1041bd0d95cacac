// The roadmap links for the linked-data exports (JSON-LD/SKOS and SSSOM), with the same kinds
// ($types, $fromLabels, $toLabels from the link registry, src/domain/links.ts), filters and order as
// cypher/links/list.cypher ($type, $from, $to, $status when not null), all of them
// (no paging), plus what a mapping needs beyond /v1/links: both ends' labels (SDG labels in
// $language where translated), KOS URIs of goals and targets, and the link's confidence.
MATCH (a)-[r:$any($types)]->(b)
WHERE ($type IS NULL OR type(r) = $type)
  AND ($from IS NULL OR a.id = $from)
  AND ($to IS NULL OR b.id = $to)
  AND ($status IS NULL OR r.status = $status)
WITH a, r, b ORDER BY type(r), a.id, b.id, coalesce(r.role, ''), r.status
RETURN type(r) AS type,
       a.id AS from,
       // A retired commitment or entity keeps its (retired) links under a tombstone label: same kind.
       head([l IN labels(a) WHERE replace(l, 'Retired', '') IN $fromLabels | replace(l, 'Retired', '')]) AS fromKind,
       coalesce(a.name, a.label, a.title) AS fromLabel,
       b.id AS to,
       head([l IN labels(b) WHERE replace(l, 'Retired', '') IN $toLabels | replace(l, 'Retired', '')]) AS toKind,
       coalesce(b['shortTitle_' + $language], b['title_' + $language], b.label, b.shortTitle, b.title) AS toLabel,
       b.uri AS toUri,
       r.role AS role,
       r.status AS status,
       r.confidence AS confidence,
       {document: r.sourceDocument, locator: r.sourceLocator, url: r.sourceUrl} AS source,
       toString(r.createdAt) AS createdAt,
       r.createdBy AS createdBy
