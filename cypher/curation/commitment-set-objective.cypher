// Moves a live GDC commitment under another objective: its UNDER link is replaced by one with $under's properties.
MATCH (c:GdcCommitment {id: $id})
MATCH (o:GdcObjective {id: $objective})
CALL (c) {
  MATCH (c)-[old:UNDER]->(:GdcObjective)
  DELETE old
}
CREATE (c)-[u:UNDER]->(o)
SET u = $under
RETURN c.id AS id
