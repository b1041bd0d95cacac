import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiKey, revokeApiKey, type ApiKeyInfo } from '../../../db/api-keys.js';
import { run } from '../../../db/db.js';
import { conditionalRead } from '../../../lib/conditional.js';
import { pageParams } from '../../../lib/paging.js';
import { itemOf, listOf, paginationQuery, problemResponses, problemSchema } from '../../../schemas/common.js';
import { apiKeyCreatedSchema, apiKeyCreateSchema, apiKeySchema, ifMatchHeaders } from '../../../schemas/editing.js';

const staleIfMatch = problemSchema.describe(
  'If-Match does not match the current revision (problem+json, `currentEtag`)',
);

/**
 * API key management (admin role). The key itself is shown once, in the 201 of POST; the list
 * never shows keys or hashes. Revoking sets revokedAt and takes effect on the next request.
 * Creating and revoking keys are recorded in the change log like every other write.
 */
const apiKeyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api-keys',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Create an API key (the key is in this response only)',
        headers: ifMatchHeaders,
        body: apiKeyCreateSchema,
        response: {
          201: itemOf(apiKeyCreatedSchema),
          400: problemResponses[400],
          409: problemSchema.describe('An active key already has this name (problem+json)'),
          412: staleIfMatch,
          503: problemResponses[503],
        },
      },
    },
    async (request, reply) => {
      const outcome = await createApiKey(app.db, request.body, request.principal!, request.headers['if-match']);
      const { id, key, name, role, createdAt } = outcome.result;
      reply.header('etag', outcome.etag);
      reply.header('cache-control', 'no-store');
      reply.header('location', `/v1/api-keys/${id}`);
      app.changeStream.nudge();
      return reply.code(201).send({ data: { id, key, name, role, createdAt } });
    },
  );

  app.get(
    '/api-keys',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'List API keys (names, roles, dates; never keys or hashes)',
        querystring: paginationQuery.strict(),
        response: { 200: listOf(apiKeySchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { limit, offset } = request.query;
      const page = await conditionalRead(request, reply, request.url, async (tx) => {
        const [row] = await run<{ total: number; items: ApiKeyInfo[] }>(
          tx,
          'api-keys/list',
          pageParams({ limit, offset }),
        );
        return row!;
      });
      return {
        data: page.items.map((k) => ({ ...k, revokedAt: k.revokedAt ?? null })),
        meta: { total: page.total, limit, offset },
      };
    },
  );

  app.delete(
    '/api-keys/:id',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Revoke an API key (sets revokedAt; the key stops working at once)',
        params: z.object({ id: z.string().min(1).max(100) }),
        headers: ifMatchHeaders,
        response: { 200: itemOf(apiKeySchema), ...problemResponses, 412: staleIfMatch },
      },
    },
    async (request, reply) => {
      const outcome = await revokeApiKey(app.db, request.params.id, request.principal!, request.headers['if-match']);
      reply.header('etag', outcome.etag);
      reply.header('cache-control', 'no-store');
      if (outcome.changed) app.changeStream.nudge();
      return { data: outcome.result };
    },
  );
};

export default apiKeyRoutes;
