import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { run } from '../../../db/db.js';
import { conditionalRead } from '../../../lib/conditional.js';
import { pageParams } from '../../../lib/paging.js';
import { notFound } from '../../../lib/problems.js';
import { itemOf, listOf, paginationQuery, problemResponses } from '../../../schemas/common.js';
import { sdgFilter, sdgTargetDetailSchema, sdgTargetIdSchema, sdgTargetSchema } from '../../../schemas/sdgs.js';

type SdgTarget = z.infer<typeof sdgTargetSchema>;
type SdgTargetDetail = z.infer<typeof sdgTargetDetailSchema>;

/** GET /v1/sdg-targets and /v1/sdg-targets/{id}. Cypher: cypher/sdg-targets/*.cypher. */
const sdgTargetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['sdgs'],
        summary: 'List the 169 SDG targets in goal order, optionally for one goal',
        querystring: paginationQuery.extend({ goal: sdgFilter.optional() }).strict(),
        response: { 200: listOf(sdgTargetSchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { limit, offset, goal } = request.query;
      const page = await conditionalRead(request, reply, request.url, async (tx) => {
        const [row] = await run<{ total: number; items: SdgTarget[] }>(tx, 'sdg-targets/list', {
          goal: goal === undefined ? null : String(goal),
          ...pageParams({ limit, offset }),
        });
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
        summary: 'One SDG target with its indicators and the action lines supporting it',
        params: z.object({ id: sdgTargetIdSchema }),
        response: { 200: itemOf(sdgTargetDetailSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const found = await conditionalRead(request, reply, undefined, async (tx) => {
        const [row] = await run<{ target: SdgTargetDetail }>(tx, 'sdg-targets/get', { id });
        if (!row) throw notFound(`No SDG target ${id}.`, [{ path: 'path.id', message: `unknown SDG target ${id}` }]);
        return row.target;
      });
      if (!found) return reply;
      return { data: found };
    },
  );
};

export default sdgTargetRoutes;
