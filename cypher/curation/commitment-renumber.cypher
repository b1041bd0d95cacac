// Changes a live GDC commitment's id (a corrected paragraph/letter): the node keeps its identity,
// so every link moves with it; a :RetiredGdcCommitment tombstone keeps the old id and names the
// new one ($tombstone), so the old URL answers 301 and a re-seed cannot bring the old id back.
MATCH (c:GdcCommitment {id: $from})
SET c += $props
CREATE (t:RetiredGdcCommitment)
SET t = $tombstone
RETURN c.id AS id
