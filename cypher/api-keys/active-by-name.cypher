// The non-revoked key with this name, if any: names identify actors in the change log, so two
// usable keys never share one.
MATCH (k:ApiKey {name: $name})
WHERE k.revokedAt IS NULL
RETURN k.id AS id
LIMIT 1
