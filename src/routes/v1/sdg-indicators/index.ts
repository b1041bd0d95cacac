import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { run } from '../../../db/db.js';
import { conditionalRead } from '../../../lib/conditional.js';
import { notFound } from '../../../lib/problems.js';
import { itemOf, problemResponses } from '../../../schemas/common.js';
import { sdgIndicatorIdSchema, sdgIndicatorSchema } from '../../../schemas/sdgs.js';

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
        params: z.object({ id: sdgIndicatorIdSchema }),
        response: { 200: itemOf(sdgIndicatorSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const found = await conditionalRead(request, reply, undefined, async (tx) => {
        const [row] = await run<{ indicator: SdgIndicator }>(tx, 'sdg-indicators/get', { id });
        if (!row) throw notFound(`No SDG indicator ${id}.`, [{ path: 'path.id', message: `unknown SDG indicator ${id}` }]);
        return row.indicator;
      });
      if (!found) return reply;
      return { data: found };
    },
  );
};

export default sdgIndicatorRoutes;
