import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readItem } from '../../../lib/reads.js';
import { itemOf, problemResponses } from '../../../schemas/common.js';
import { sdgIndicatorIdParam, sdgIndicatorSchema } from '../../../schemas/sdgs.js';

type SdgIndicator = z.infer<typeof sdgIndicatorSchema>;

/** GET /v1/sdg-indicators/{id}. Cypher: cypher/sdg-indicators/get.cypher. */
const sdgIndicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:id',
    {
      schema: {
        tags: ['sdgs'],
        summary: 'One SDG indicator with the target and goal it measures',
        description: 'Indicators of a target are listed on GET /v1/sdg-targets/{id}.',
        params: z.object({ id: sdgIndicatorIdParam }),
        response: { 200: itemOf(sdgIndicatorSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const item = await readItem<SdgIndicator>(
        request,
        reply,
        'sdg-indicators/get',
        { id },
        'indicator',
        `SDG indicator ${id}`,
      );
      return item;
    },
  );
};

export default sdgIndicatorRoutes;
