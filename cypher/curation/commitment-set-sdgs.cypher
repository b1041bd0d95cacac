// Makes the SDGs a live GDC commitment cites exactly $sdgs: a cited goal without a link gets one
// ($link's properties), a retired one is revived with them, and a live link to a goal no longer
// cited is retired (never deleted). Stamps every link it touches with $at / $by.
MATCH (c:GdcCommitment {id: $id})
CALL (c) {
  MATCH (c)-[s:CONTRIBUTES_TO]->(g:Sdg)
  WHERE NOT g.id IN $sdgs AND s.status <> 'retired'
  SET s.status = 'retired', s.curatedAt = $at, s.curatedBy = $by, s.updatedAt = $at, s.updatedBy = $by
}
CALL (c) {
  UNWIND $sdgs AS sdg
  MATCH (g:Sdg {id: sdg})
  MERGE (c)-[s:CONTRIBUTES_TO]->(g)
  ON CREATE SET s = $link
  WITH s WHERE s.status = 'retired'
  SET s += $link
}
RETURN c.id AS id
