// One page of the security log, newest first, plus the total; `$type` (null: every type) filters.
CALL () {
  MATCH (e:SecurityEvent)
  WHERE $type IS NULL OR e.type = $type
  RETURN count(e) AS total
}
CALL () {
  MATCH (e:SecurityEvent)
  WHERE $type IS NULL OR e.type = $type
  WITH e ORDER BY e.seq DESC
  SKIP $offset LIMIT $limit
  RETURN collect(e {.id, .seq, .at, .type, .actor, .actorRole, .keyId, .keyName, .address, .requestId, .detail}) AS items
}
RETURN total, items
