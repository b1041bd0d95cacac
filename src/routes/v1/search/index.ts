import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { negotiateLanguage } from '../../../lib/i18n/languages.js';
import { urlOf } from '../../../lib/search/search.js';
import { problemResponses } from '../../../schemas/common.js';
import { searchQuery, searchResultSchema } from '../../../schemas/search.js';

/** GET /v1/search: full-text search over the roadmap in six languages. Logic: src/lib/search/. */
const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['search'],
        summary: 'Search action lines, GDC objectives and commitments, SDGs, targets, indicators and entities',
        description:
          'Full-text search through Neo4j full-text indexes, one per UN language, each with the analyzer of its ' +
          'language (english, french, spanish, russian, arabic, cjk for Chinese). SDG goal, target and indicator ' +
          'labels are searchable in all six languages; action lines, GDC texts and entity names are English only, ' +
          'so a search in another language looks at its SDG labels and at the English texts. Hits are ranked by ' +
          'relevance (ties: kind, then id) and name the matched field with a highlighted snippet. When nothing ' +
          'matches, `meta.suggestions` lists the closest known terms. Language: `?lang=` or Accept-Language ' +
          '(Content-Language says what was served).',
        querystring: searchQuery.strict(),
        response: { 200: searchResultSchema, 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { q, kind, syntax, limit, offset } = request.query;
      const language = negotiateLanguage(request, reply);
      const outcome = await app.textSearch.search(reply, {
        q,
        language,
        kinds: kind ? [kind] : undefined,
        syntax,
        window: { offset, limit },
      });
      return {
        data: outcome.hits.map((hit) => ({ ...hit, url: urlOf(hit.kind, hit.id) })),
        meta: {
          total: outcome.total,
          limit,
          offset,
          language,
          query: outcome.lucene,
          suggestions: outcome.suggestions,
        },
      };
    },
  );
};

export default searchRoutes;
