// Search (/v1/search, /v1/helpdesk): one full-text index per UN language, each with the analyzer of
// its language so that word forms match (santé/sanitaire, health/healthy) and stop words are dropped.
// English covers every text of the roadmap (titles, names, acronyms as ids, GDC labels, summaries
// and section titles); the other five cover the SDG labels the seed stores as title_<lang> and
// shortTitle_<lang>. Chinese uses the CJK analyzer (bigrams), as Chinese has no spaces.
CREATE FULLTEXT INDEX search_en IF NOT EXISTS
FOR (n:ActionLine|GdcObjective|GdcCommitment|Sdg|SdgTarget|SdgIndicator|Entity)
ON EACH [n.id, n.title, n.shortTitle, n.name, n.label, n.summary, n.sectionTitle]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
CREATE FULLTEXT INDEX search_fr IF NOT EXISTS
FOR (n:Sdg|SdgTarget|SdgIndicator) ON EACH [n.title_fr, n.shortTitle_fr]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'french'}};
CREATE FULLTEXT INDEX search_es IF NOT EXISTS
FOR (n:Sdg|SdgTarget|SdgIndicator) ON EACH [n.title_es, n.shortTitle_es]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'spanish'}};
CREATE FULLTEXT INDEX search_ru IF NOT EXISTS
FOR (n:Sdg|SdgTarget|SdgIndicator) ON EACH [n.title_ru, n.shortTitle_ru]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'russian'}};
CREATE FULLTEXT INDEX search_ar IF NOT EXISTS
FOR (n:Sdg|SdgTarget|SdgIndicator) ON EACH [n.title_ar, n.shortTitle_ar]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}};
CREATE FULLTEXT INDEX search_zh IF NOT EXISTS
FOR (n:Sdg|SdgTarget|SdgIndicator) ON EACH [n.title_zh, n.shortTitle_zh]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
