// One full-text index over the human-readable text of every roadmap node, for search boxes.
CREATE FULLTEXT INDEX roadmap_text IF NOT EXISTS
FOR (n:ActionLine|GdcObjective|GdcCommitment|Sdg|SdgTarget|SdgIndicator|Entity)
ON EACH [n.title, n.name, n.summary, n.label];
