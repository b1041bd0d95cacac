import fp from 'fastify-plugin';
import { negotiateFormat } from '../lib/conditional.js';
import { problemSchema } from '../schemas/common.js';

/**
 * Reads that answer JSON answer 406 to an Accept they cannot satisfy (e.g. application/xml), and
 * document it, in one place: JSON-only reads are checked here; routes whose `produces` offers JSON
 * besides CSV/XLSX check through negotiateFormat themselves. Event streams and routes without a
 * response schema (docs assets) are left alone.
 */
export default fp(
  async (app) => {
    type ReadSchema = { produces?: unknown; response?: unknown } | undefined;
    const read = (method: string | string[], schema: ReadSchema) =>
      [method].flat().every((m) => m === 'GET' || m === 'HEAD') && Boolean(schema?.response);
    const jsonOnlyRead = (method: string | string[], schema: ReadSchema) => read(method, schema) && !schema?.produces;
    const negotiatingRead = (method: string | string[], schema: ReadSchema) =>
      jsonOnlyRead(method, schema) || (read(method, schema) && [schema?.produces].flat().includes('application/json'));

    app.addHook('onRoute', (route) => {
      if (!negotiatingRead(route.method, route.schema as ReadSchema)) return;
      const response = route.schema!.response as Record<string, unknown>;
      response[406] ??= problemSchema.describe(
        'The Accept header allows none of the media types this operation produces (problem+json)',
      );
    });

    app.addHook('onRequest', async (request) => {
      if (jsonOnlyRead(request.method, request.routeOptions.schema as ReadSchema)) {
        negotiateFormat(request, ['json']);
      }
    });
  },
  { name: 'negotiation', dependencies: ['errors'] },
);
