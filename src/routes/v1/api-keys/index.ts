import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { securityContextOf } from '../../../lib/security-context.js';
import {
  apiKeyCreatedSchema,
  apiKeyCreateSchema,
  apiKeyIdParams,
  apiKeyPatchSchema,
  apiKeyRotatedSchema,
  apiKeyRotateSchema,
  apiKeySchema,
} from '../../../schemas/api-keys.js';
import { itemOf, listOf, paginationQuery, problemResponses, problemSchema } from '../../../schemas/common.js';

const lastAdmin = problemSchema.describe(
  'Refused: this is the last active admin key (problem+json naming why), or the key cannot change',
);

/**
 * API key management (admin role). Keys live outside the roadmap: these writes never advance the
 * roadmap revision nor appear in /v1/changes (so no roadmap ETag goes stale); each one is written
 * to the security log (GET /v1/security-events). The key itself is shown once, in the 201 of
 * POST or rotate; the list never shows keys or hashes. Responses are never cached.
 */
const apiKeyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });

  app.post(
    '/api-keys',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Create an API key (the key is in this response only)',
        description: 'Optional `expiresAt`: after it, the key is refused with a 401 saying it expired.',
        body: apiKeyCreateSchema,
        response: {
          201: itemOf(apiKeyCreatedSchema),
          400: problemResponses[400],
          409: problemSchema.describe('An active key already has this name (problem+json)'),
          422: problemSchema.describe('`entity` names no entity (problem+json)'),
          503: problemResponses[503],
        },
      },
    },
    async (request, reply) => {
      const { result } = await app.apiKeys.create(request.body, securityContextOf(request));
      const { id, key, name, role, entity, createdAt, expiresAt } = result;
      reply.header('location', `/v1/api-keys/${id}`);
      return reply.code(201).send({ data: { id, key, name, role, entity, createdAt, expiresAt } });
    },
  );

  app.get(
    '/api-keys',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'List API keys (names, roles, dates, last use; never keys or hashes)',
        querystring: paginationQuery.strict(),
        response: { 200: listOf(apiKeySchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      return app.apiKeys.list({ limit, offset });
    },
  );

  app.delete(
    '/api-keys/:id',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Revoke an API key (sets revokedAt; the key stops working at once)',
        description: 'The last active admin key cannot be revoked (409).',
        params: apiKeyIdParams,
        response: { 200: itemOf(apiKeySchema), ...problemResponses, 409: lastAdmin },
      },
    },
    async (request) => {
      const { result } = await app.apiKeys.revoke(request.params.id, securityContextOf(request));
      return { data: result };
    },
  );

  app.patch(
    '/api-keys/:id',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['admin'],
        summary: "Change an API key's role",
        description: 'Demoting the last active admin key is refused (409).',
        params: apiKeyIdParams,
        body: apiKeyPatchSchema,
        response: { 200: itemOf(apiKeySchema), ...problemResponses, 409: lastAdmin },
      },
    },
    async (request) => {
      const { result } = await app.apiKeys.changeRole(request.params.id, request.body.role, securityContextOf(request));
      return { data: result };
    },
  );

  app.post(
    '/api-keys/:id/rotate',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Rotate an API key: a new key for the same name and role; the old one works for a grace period',
        description:
          'The old key keeps working for `graceSeconds` (default from KEY_ROTATION_GRACE_SECONDS), then is refused ' +
          'with a 401 saying it expired; it names its successor in `replacedBy`. A revoked, expired or already ' +
          'rotated key cannot be rotated (409).',
        params: apiKeyIdParams,
        body: apiKeyRotateSchema.nullish(),
        response: {
          201: itemOf(apiKeyRotatedSchema),
          ...problemResponses,
          409: problemSchema.describe('The key is revoked, expired or already rotated (problem+json)'),
        },
      },
    },
    async (request, reply) => {
      const body = request.body ?? {};
      const { result, previous } = await app.apiKeys.rotate(
        request.params.id,
        { graceSeconds: body.graceSeconds ?? app.config.keyRotationGraceSeconds, expiresAt: body.expiresAt },
        securityContextOf(request),
      );
      const { id, key, name, role, entity, createdAt, expiresAt } = result;
      reply.header('location', `/v1/api-keys/${id}`);
      return reply.code(201).send({
        data: {
          id,
          key,
          name,
          role,
          entity,
          createdAt,
          expiresAt,
          replaces: { id: previous.id, validUntil: previous.expiresAt! },
        },
      });
    },
  );
};

export default apiKeyRoutes;
