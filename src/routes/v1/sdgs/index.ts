import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { run } from '../../../db/db.js';
import { conditionalRead } from '../../../lib/conditional.js';
import { pageParams } from '../../../lib/paging.js';
import { notFound } from '../../../lib/problems.js';
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
      const page = await conditionalRead(request, reply, request.url, async (tx) => {
        const [row] = await run<{ total: number; items: Sdg[] }>(tx, 'sdgs/list', pageParams({ limit, offset }));
        return row!;
      });
      if (!page) return reply;
      return { data: page.items, meta: { total: page.total, limit, offset } };
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
      const found = await conditionalRead(request, reply, undefined, async (tx) => {
        const [row] = await run<{ goal: SdgDetail }>(tx, 'sdgs/get', { id: String(id) });
        if (!row) throw notFound(`No SDG ${id}.`, [{ path: 'path.id', message: `unknown SDG ${id}` }]);
        return row.goal;
      });
      if (!found) return reply;
      return { data: found };
    },
  );
};

export default sdgRoutes;
