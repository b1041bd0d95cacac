// bench:scale — the roadmap's own nodes (not API keys, changes or migrations) with their labels
// and properties, to be copied as synthetic replicas. Copies carry `replica`; originals do not.
MATCH (n)
WHERE (n:ActionLine OR n:GdcObjective OR n:GdcCommitment OR n:Sdg OR n:SdgTarget OR n:SdgIndicator OR n:Entity)
  AND n.replica IS NULL
RETURN head(labels(n)) AS label, properties(n) AS props
