import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readItem, readPage } from '../../../lib/reads.js';
import { itemOf, listOf, paginationQuery, problemResponses } from '../../../schemas/common.js';
import { sdgDetailSchema, sdgIdParam, sdgSchema } from '../../../schemas/sdgs.js';

type Sdg = z.infer<typeof sdgSchema>;
type SdgDetail = z.infer<typeof sdgDetailSchema>;

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
        querystring: paginationQuery.strict(),
        response: { 200: listOf(sdgSchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { limit, offset } = request.query;
      const page = await readPage<Sdg>(request, reply, 'sdgs/list', {}, { limit, offset });
      return page;
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['sdgs'],
        summary: 'One SDG with its targets',
        params: z.object({ id: sdgIdParam }),
        response: { 200: itemOf(sdgDetailSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const item = await readItem<SdgDetail>(request, reply, 'sdgs/get', { id: String(id) }, 'goal', `SDG ${id}`);
      return item;
    },
  );
};

export default sdgRoutes;
