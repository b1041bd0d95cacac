import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { securityEventFromRow } from '../../../db/security-log.js';
import { pageParams } from '../../../lib/paging.js';
import { securityEventSchema, securityEventsQuery } from '../../../schemas/api-keys.js';
import { listOf, problemResponses } from '../../../schemas/common.js';

/**
 * GET /v1/security-events (admin): the security log, newest first. Key creation, rotation,
 * revocation and role changes, uses of expired keys, throttled addresses and rate-limited clients.
 * It is not the roadmap change log: nothing here moves the roadmap revision.
 */
const securityEventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/security-events',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'The security log, newest first (key lifecycle, expired keys, throttling)',
        querystring: securityEventsQuery,
        response: { 200: listOf(securityEventSchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { limit, offset, type } = request.query;
      const [page] = await app.db.query<{ total: number; items: Parameters<typeof securityEventFromRow>[0][] }>(
        'security-log/list',
        { type: type ?? null, ...pageParams({ limit, offset }) },
      );
      reply.header('cache-control', 'no-store');
      return {
        data: page!.items.map((row) => securityEventFromRow({ ...row, seq: Number(row.seq) })),
        meta: { total: Number(page!.total), limit, offset },
      };
    },
  );
};

export default securityEventRoutes;
