// Every roadmap link of a GDC commitment (live or retired node), with all its properties: the
// responsibilities and alignments pointing at it and the SDGs it cites. Ordered for stable change logs.
OPTIONAL MATCH (live:GdcCommitment {id: $id})
OPTIONAL MATCH (gone:RetiredGdcCommitment {id: $id})
WITH coalesce(live, gone) AS c
MATCH (c)-[r:RESPONSIBLE_FOR|ALIGNS_WITH|CONTRIBUTES_TO]-()
WITH r, startNode(r) AS source, endNode(r) AS target
RETURN type(r) AS type, source.id AS from, target.id AS to, properties(r) AS props
ORDER BY type, from, to
