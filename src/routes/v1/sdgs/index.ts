import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { langQuery, negotiateLanguage } from '../../../lib/i18n/languages.js';
import { itemOf, listOf, paginationQuery, problemResponses } from '../../../schemas/common.js';
import { sdgDetailSchema, sdgIdParam, sdgSchema } from '../../../schemas/sdgs.js';

/**
 * GET /v1/sdgs and /v1/sdgs/{id}. Cypher: cypher/sdgs/*.cypher.
 * Goal ids are integers in the API and strings ("1".."17") in the graph: converted here.
 */
const sdgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['sdgs'],
        summary: 'List the 17 Sustainable Development Goals',
        description:
          'Titles and short titles in the language of `?lang=` or Accept-Language (Content-Language says which).',
        querystring: paginationQuery.extend(langQuery.shape).strict(),
        response: { 200: listOf(sdgSchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { limit, offset } = request.query;
      const language = negotiateLanguage(request, reply);
      return app.sdgs.listGoals(reply, { language }, { limit, offset });
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['sdgs'],
        summary: 'One SDG with its targets',
        description: 'Titles in the language of `?lang=` or Accept-Language (Content-Language says which).',
        params: z.object({ id: sdgIdParam }),
        querystring: langQuery.strict(),
        response: { 200: itemOf(sdgDetailSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const language = negotiateLanguage(request, reply);
      return app.sdgs.getGoal(reply, id, language);
    },
  );
};

export default sdgRoutes;
