import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
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
      const page = await app.securityLog.list({ type: type ?? null }, { limit, offset });
      reply.header('cache-control', 'no-store');
      return page;
    },
  );
};

export default securityEventRoutes;
