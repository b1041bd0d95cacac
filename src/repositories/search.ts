import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/db.js';
import { conditionalRead } from '../lib/conditional.js';
import { checkLuceneSyntax, type SearchOutcome, type SearchRequest, searchRoadmap } from '../lib/search/search.js';

/**
 * Full-text search over the Neo4j full-text indexes (one per UN language). The ranking, query
 * building and snippets are in src/lib/search/; this repository runs them at one committed revision.
 */
export class SearchRepository {
  constructor(private readonly db: Db) {}

  /**
   * One conditional read of the search; the language served is part of the ETag (it is not in the
   * URL when it came from Accept-Language). Lucene syntax is checked first, so a bad query is a 400.
   */
  async search(reply: FastifyReply, request: SearchRequest): Promise<SearchOutcome> {
    if (request.syntax === 'lucene') await checkLuceneSyntax(this.db, request.q);
    return conditionalRead(
      reply.request,
      reply,
      `${reply.request.url} ${request.language}`,
      (tx, revision, whenConsistent) => searchRoadmap(tx, revision, request, whenConsistent),
    );
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    textSearch: SearchRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('textSearch', new SearchRepository(app.db));
  },
  {
    name: 'search-repository',
    dependencies: ['neo4j'],
  },
);
