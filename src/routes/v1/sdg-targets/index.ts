import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { langQuery, negotiateLanguage } from '../../../lib/i18n/languages.js';
import { asOfQuery } from '../../../schemas/versions.js';
import { itemOf, listOf, paginationQuery, problemResponses } from '../../../schemas/common.js';
import { sdgFilter, sdgTargetDetailSchema, sdgTargetIdParam, sdgTargetSchema } from '../../../schemas/sdgs.js';

/** GET /v1/sdg-targets and /v1/sdg-targets/{id}. Cypher: cypher/sdg-targets/*.cypher. */
const sdgTargetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['sdgs'],
        summary: 'List the 169 SDG targets in goal order, optionally for one goal',
        description: 'Titles in the language of `?lang=` or Accept-Language (Content-Language says which).',
        querystring: paginationQuery.extend({ goal: sdgFilter.optional() }).extend(langQuery.shape).strict(),
        response: { 200: listOf(sdgTargetSchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { limit, offset, goal } = request.query;
      const language = negotiateLanguage(request, reply);
      return app.sdgs.listTargets(reply, { goal, language }, { limit, offset });
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['sdgs'],
        summary: 'One SDG target with its indicators and the action lines supporting it',
        description: 'Titles in the language of `?lang=` or Accept-Language (Content-Language says which).',
        params: z.object({ id: sdgTargetIdParam }),
        querystring: langQuery.extend(asOfQuery.shape).strict(),
        response: { 200: itemOf(sdgTargetDetailSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const language = negotiateLanguage(request, reply);
      return app.sdgs.getTarget(reply, id, language);
    },
  );
};

export default sdgTargetRoutes;
