// How many usable admin keys there are besides $id: the last one may not be revoked or demoted.
MATCH (k:ApiKey {role: 'admin'})
WHERE k.id <> $id AND k.revokedAt IS NULL AND (k.expiresAt IS NULL OR k.expiresAt > $now)
RETURN count(k) AS admins
