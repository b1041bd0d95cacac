// Every roadmap link matching the filters of cypher/links/list.cypher ($types, $fromLabels,
// $toLabels from the link registry; $type, $from, $to, $status), in the same order and the same
// row shape (labels included), one record per link from $offset, at most $limit of them ($limit
// null: all): the CSV and JSON-lines exports stream them to the client. A link deleted by a
// concurrent write mid-read is skipped (and the export's consistent read then reads again). A retired
// commitment or entity keeps its links under a tombstone label: same kind and label.
MATCH (a)-[r:$any($types)]->(b)
WHERE ($type IS NULL OR type(r) = $type)
  AND ($from IS NULL OR a.id = $from)
  AND ($to IS NULL OR b.id = $to)
  AND ($status IS NULL OR r.status = $status)
WITH a, r, b ORDER BY type(r), a.id, b.id, coalesce(r.role, ''), r.status
SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
WITH a, r, b WHERE type(r) IS NOT NULL AND r.status IS NOT NULL
RETURN type(r) AS type,
       a.id AS from,
       head([l IN labels(a) WHERE replace(l, 'Retired', '') IN $fromLabels | replace(l, 'Retired', '')]) AS fromKind,
       CASE WHEN a:GdcCommitment OR a:RetiredGdcCommitment THEN a.label + ' ' + a.summary
                 WHEN a:Entity OR a:RetiredEntity THEN a.name ELSE a.title END AS fromLabel,
       b.id AS to,
       head([l IN labels(b) WHERE replace(l, 'Retired', '') IN $toLabels | replace(l, 'Retired', '')]) AS toKind,
       CASE WHEN b:GdcCommitment OR b:RetiredGdcCommitment THEN b.label + ' ' + b.summary
               WHEN b:Sdg THEN b.shortTitle ELSE b.title END AS toLabel,
       r.role AS role,
       r.status AS status,
       {document: r.sourceDocument, locator: r.sourceLocator, url: r.sourceUrl} AS source,
       r.rationale AS rationale,
       toString(r.createdAt) AS createdAt,
       r.createdBy AS createdBy
