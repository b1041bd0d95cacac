import fp from 'fastify-plugin';
import { negotiateFormat } from '../lib/conditional.js';
import { problemSchema } from '../schemas/common.js';

/**
 * Reads that only speak JSON answer 406 to an Accept they cannot satisfy (e.g. application/xml),
 * like the routes that offer CSV or XLSX do through negotiateFormat. Routes that declare
 * `produces` negotiate for themselves; routes without a response schema (docs assets) are left alone.
 */
export default fp(
  async (app) => {
    const jsonOnlyRead = (method: string | string[], schema: { produces?: unknown; response?: unknown } | undefined) =>
      [method].flat().every((m) => m === 'GET' || m === 'HEAD') && Boolean(schema?.response) && !schema?.produces;

    app.addHook('onRoute', (route) => {
      if (!jsonOnlyRead(route.method, route.schema as { produces?: unknown; response?: unknown } | undefined)) return;
      const response = route.schema!.response as Record<string, unknown>;
      response[406] ??= problemSchema.describe('The Accept header allows no JSON (problem+json)');
    });

    app.addHook('onRequest', async (request) => {
      if (jsonOnlyRead(request.method, request.routeOptions.schema as { produces?: unknown; response?: unknown } | undefined)) {
        negotiateFormat(request, ['json']);
      }
    });
  },
  { name: 'negotiation', dependencies: ['errors'] },
);
