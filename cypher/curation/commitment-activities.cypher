// The activities that serve a live GDC commitment, in id order: a retire or a renumber changes what
// they show, so each gets its own activity.update record.
MATCH (a:Activity)-[:SERVES]->(:GdcCommitment {id: $id})
RETURN a.id AS id
ORDER BY toInteger(substring(a.id, 1))
