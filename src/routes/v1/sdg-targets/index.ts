import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asOfQuery } from '../../../schemas/versions.js';
import { readItem, readPage } from '../../../lib/reads.js';
import { itemOf, listOf, paginationQuery, problemResponses } from '../../../schemas/common.js';
import { sdgFilter, sdgTargetDetailSchema, sdgTargetIdParam, sdgTargetSchema } from '../../../schemas/sdgs.js';

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
      const page = await readPage<SdgTarget>(
        request,
        reply,
        'sdg-targets/list',
        {
          goal: goal === undefined ? null : String(goal),
        },
        { limit, offset },
      );
      return page;
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['sdgs'],
        summary: 'One SDG target with its indicators and the action lines supporting it',
        params: z.object({ id: sdgTargetIdParam }),
        querystring: asOfQuery,
        response: { 200: itemOf(sdgTargetDetailSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const item = await readItem<SdgTargetDetail>(
        request,
        reply,
        'sdg-targets/get',
        { id },
        'target',
        `SDG target ${id}`,
      );
      return item;
    },
  );
};

export default sdgTargetRoutes;
