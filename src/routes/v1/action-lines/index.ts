import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asOfQuery } from '../../../schemas/versions.js';
import { registerLinkResources } from '../link-resource.js';
import { itemOf, listOf, paginationQuery, problemResponses } from '../../../schemas/common.js';
import { actionLineDetailSchema, actionLineIdParam, actionLineSchema } from '../../../schemas/action-lines.js';

/**
 * GET /v1/action-lines and /v1/action-lines/{id} (src/repositories/action-lines.ts), and the link
 * resources below an action line: facilitators, commitments, sdg-targets, sdgs (link registry).
 */
const actionLineRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['action-lines'],
        summary: 'List WSIS Action Lines (C1–C11 and the eight C7 sub-lines)',
        querystring: paginationQuery.extend({ kind: z.enum(['line', 'subline']).optional() }).strict(),
        response: { 200: listOf(actionLineSchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { limit, offset, kind } = request.query;
      return app.actionLines.list(reply, { kind: kind ?? null }, { limit, offset });
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['action-lines'],
        summary: 'One action line with its facilitators, sub-lines, aligned GDC commitments and supported SDGs/targets',
        params: z.object({ id: actionLineIdParam }),
        querystring: asOfQuery,
        response: { 200: itemOf(actionLineDetailSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return app.actionLines.get(reply, id);
    },
  );

  registerLinkResources(app, 'ActionLine');
};

export default actionLineRoutes;
