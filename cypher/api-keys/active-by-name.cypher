// The usable key with this name, if any (not revoked, not expired): names identify actors in the
// change log, so two usable keys never share one (except a rotated key in its grace period).
MATCH (k:ApiKey {name: $name})
WHERE k.revokedAt IS NULL AND (k.expiresAt IS NULL OR k.expiresAt > $now)
RETURN k.id AS id
LIMIT 1
