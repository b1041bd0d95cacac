import neo4j from 'neo4j-driver';

/** LIMIT/SKIP and list slices need Cypher integers; plain JS numbers would arrive as floats. */
export const pageParams = (page: { limit: number; offset: number }) => ({
  limit: neo4j.int(page.limit),
  offset: neo4j.int(page.offset),
});
