// Every roadmap link ($types, $fromLabels, $toLabels: from the link registry, src/domain/links.ts;
// not the structural PART_OF / UNDER / OF / MEASURES), each row exactly in the API shape of /v1/links:
// {type, from, fromKind, fromLabel, to, toKind, toLabel, role, status, source, rationale, createdAt, createdBy};
// labels as the matrix shows them (commitment: label and summary; entity: name; SDG: short title).
// Order: type, from, to (then role, status for a stable tie-break). Filters when not null:
// $type, $from, $to (node ids as strings), $status. One page plus the total in one round trip:
// the total is a count and the page a top-k sort, so memory stays that of one page at any size
// (cypher/links/export.cypher streams them all).
CALL () {
  MATCH (a)-[r:$any($types)]->(b)
  WHERE ($type IS NULL OR type(r) = $type)
    AND ($from IS NULL OR a.id = $from)
    AND ($to IS NULL OR b.id = $to)
    AND ($status IS NULL OR r.status = $status)
  RETURN count(r) AS total
}
CALL () {
  MATCH (a)-[r:$any($types)]->(b)
  WHERE ($type IS NULL OR type(r) = $type)
    AND ($from IS NULL OR a.id = $from)
    AND ($to IS NULL OR b.id = $to)
    AND ($status IS NULL OR r.status = $status)
  WITH a, r, b ORDER BY type(r), a.id, b.id, coalesce(r.role, ''), r.status
  SKIP $offset LIMIT coalesce($limit, 9223372036854775807)
  WITH collect({
    type: type(r),
    from: a.id,
    // A retired commitment or entity keeps its (retired) links under a tombstone label: same kind.
    fromKind: head([l IN labels(a) WHERE replace(l, 'Retired', '') IN $fromLabels | replace(l, 'Retired', '')]),
    fromLabel: CASE WHEN a:GdcCommitment OR a:RetiredGdcCommitment THEN a.label + ' ' + a.summary
                 WHEN a:Entity OR a:RetiredEntity THEN a.name ELSE a.title END,
    to: b.id,
    toKind: head([l IN labels(b) WHERE replace(l, 'Retired', '') IN $toLabels | replace(l, 'Retired', '')]),
    toLabel: CASE WHEN b:GdcCommitment OR b:RetiredGdcCommitment THEN b.label + ' ' + b.summary
               WHEN b:Sdg THEN b.shortTitle ELSE b.title END,
    role: r.role,
    status: r.status,
    source: {document: r.sourceDocument, locator: r.sourceLocator, url: r.sourceUrl},
    rationale: r.rationale,
    createdAt: toString(r.createdAt),
    createdBy: r.createdBy
  }) AS projected
  // Read committed: a link deleted by a concurrent write after the MATCH projects to nulls. Such
  // rows are dropped here (the consistent read around this query then retries anyway).
  RETURN [l IN projected WHERE l.type IS NOT NULL AND l.from IS NOT NULL AND l.to IS NOT NULL] AS items
}
RETURN total, items
