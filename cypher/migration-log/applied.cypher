// The migrations applied so far, with the checksum of the file as it was applied.
MATCH (m:Migration) RETURN m.id AS id, m.checksum AS checksum
