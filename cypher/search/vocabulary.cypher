// Every searchable text of the roadmap in English and in $language (SDG labels only), for the
// word list the search uses to split compound words ("cybersecurity" → "security") and to suggest
// the closest terms when nothing matches. Small (a few hundred nodes), cached per graph revision.
MATCH (n:ActionLine|GdcObjective|GdcCommitment|Sdg|SdgTarget|SdgIndicator|Entity)
RETURN [t IN [n.id, n.title, n.shortTitle, n.name, n.label, n.summary, n.sectionTitle,
              n['title_' + $language], n['shortTitle_' + $language]] WHERE t IS NOT NULL] AS texts
