// bench:scale — every relationship between two original roadmap nodes: its type, its ends (label
// and id) and its properties, to be copied between the replicas of its ends.
MATCH (a)-[r]->(b)
WHERE (a:ActionLine OR a:GdcCommitment OR a:SdgTarget OR a:SdgIndicator OR a:Entity) AND a.replica IS NULL
  AND (b:ActionLine OR b:GdcObjective OR b:GdcCommitment OR b:Sdg OR b:SdgTarget) AND b.replica IS NULL
RETURN type(r) AS type, head(labels(a)) AS fromLabel, a.id AS from, head(labels(b)) AS toLabel, b.id AS to,
       properties(r) AS props
