import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { itemOf } from '../../../schemas/common.js';
import { callerSchema } from '../../../schemas/caller.js';

/**
 * Who the presented API key is: lets a dashboard or the web app show only what the key's role
 * allows without trying a write. Viewer role, so any valid key can ask; the key itself is never echoed.
 */
const meRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me',
    {
      config: { minRole: 'viewer' },
      schema: {
        tags: ['editing'],
        summary: 'The caller: name and role of the presented API key',
        response: { 200: itemOf(callerSchema) },
      },
    },
    async (request, reply) => {
      const { name, role } = request.principal!;
      reply.header('cache-control', 'no-store');
      return { data: { name, role } };
    },
  );
};

export default meRoutes;
