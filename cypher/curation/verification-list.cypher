// The verification trail, newest first, one page plus the total in one round trip. Filters when not
// null: $target (an element path, e.g. gdc/commitments/11a), $active (true: unrevoked only; false:
// revoked only).
MATCH (v:Verification)
WHERE ($target IS NULL OR v.target = $target)
  AND ($active IS NULL OR (v.revokedAt IS NULL) = $active)
WITH v ORDER BY v.at DESC, v.id
WITH collect(properties(v)) AS trail
RETURN size(trail) AS total, trail[$offset..($offset + $limit)] AS items
