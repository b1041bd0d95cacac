// One full-text index ($index: search_en, search_fr, ...) asked with a Lucene query built by the
// service from the user's words (or given raw behind ?syntax=lucene). Returns the best $candidates
// nodes of the wanted labels ($labels) with their Lucene score and the text properties the service
// highlights; ties in score are broken by id so that pages are stable.
CALL db.index.fulltext.queryNodes($index, $query, {limit: $candidates}) YIELD node, score
WITH node, score, head([l IN labels(node) WHERE l IN $labels]) AS label
WHERE label IS NOT NULL
RETURN label, node.id AS id, score, node {
  .id, .title, .shortTitle, .name, .label, .summary, .sectionTitle,
  .title_ar, .shortTitle_ar, .title_zh, .shortTitle_zh, .title_fr, .shortTitle_fr,
  .title_ru, .shortTitle_ru, .title_es, .shortTitle_es
} AS text
ORDER BY score DESC, label, id
