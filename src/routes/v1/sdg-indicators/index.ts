import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { langQuery, negotiateLanguage } from '../../../lib/i18n/languages.js';
import { itemOf, problemResponses } from '../../../schemas/common.js';
import { sdgIndicatorIdParam, sdgIndicatorSchema } from '../../../schemas/sdgs.js';

/** GET /v1/sdg-indicators/{id}. Cypher: cypher/sdg-indicators/get.cypher. */
const sdgIndicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:id',
    {
      schema: {
        tags: ['sdgs'],
        summary: 'One SDG indicator with the target and goal it measures',
        description:
          'Indicators of a target are listed on GET /v1/sdg-targets/{id}. Title in the language of `?lang=` or ' +
          'Accept-Language (Content-Language says which).',
        params: z.object({ id: sdgIndicatorIdParam }),
        querystring: langQuery.strict(),
        response: { 200: itemOf(sdgIndicatorSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const language = negotiateLanguage(request, reply);
      return app.sdgs.getIndicator(reply, id, language);
    },
  );
};

export default sdgIndicatorRoutes;
