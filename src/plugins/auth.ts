import fp from 'fastify-plugin';
import type { FastifyRequest, RouteOptions } from 'fastify';
import { findApiKey } from '../db/api-keys.js';
import { forbidden, unauthorized } from '../lib/problems.js';
import { hasRole, type Principal, type Role } from '../lib/roles.js';
import { problemSchema } from '../schemas/common.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The weakest API key role allowed to call the route; routes without it are public. */
    minRole?: Role;
  }
  interface FastifyRequest {
    /** The API key of a secured request, once the auth hook has checked it (null on public routes). */
    principal: Principal | null;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Finds and checks the request's key: missing, unknown or revoked → 401. Cached on the request. */
async function authenticate(request: FastifyRequest): Promise<Principal> {
  if (request.principal) return request.principal;
  const header = request.headers.authorization;
  if (!header) throw unauthorized('This operation needs an API key: send Authorization: Bearer <key>.');
  const token = BEARER.exec(header)?.[1];
  if (!token) throw unauthorized('The Authorization header must be "Bearer <key>".');
  const key = await findApiKey(request.server.db, token);
  if (!key) throw unauthorized('Unknown API key.');
  if (key.revokedAt) throw unauthorized(`This API key was revoked at ${key.revokedAt}.`);
  request.principal = { id: key.id, name: key.name, role: key.role };
  return request.principal;
}

const isRead = (method: RouteOptions['method']) => [method].flat().every((m) => m === 'GET' || m === 'HEAD');

/**
 * API keys and roles (viewer < editor < admin), in one place:
 * - a route declares `config: { minRole }`; with REQUIRE_KEY_FOR_READS every GET under /v1 needs
 *   at least a viewer key too;
 * - `onRoute` marks each secured operation in the OpenAPI document (`security: [{bearerAuth: []}]`,
 *   `x-min-role`, 401/403 responses), so the document and the checks cannot disagree;
 * - `onRequest` checks the key before the body is parsed or validated and before any id is looked
 *   up: missing/unknown/revoked key → 401 with WWW-Authenticate, role too low → 403.
 * Keys are looked up once per request (no cache across requests, so a revocation acts at once).
 */
export default fp(
  async (app) => {
    app.decorateRequest('principal', null);

    app.addHook('onRoute', (route) => {
      let minRole = route.config?.minRole;
      if (!minRole && app.config.requireKeyForReads && route.url.startsWith('/v1/') && isRead(route.method)) {
        minRole = 'viewer';
        route.config = { ...route.config, minRole };
      }
      if (!minRole) return;
      const schema = (route.schema ??= {}) as Record<string, unknown>;
      schema.security = [{ bearerAuth: [] }];
      schema['x-min-role'] = minRole;
      const note = `Requires an API key with role ${minRole} or higher.`;
      schema.description = schema.description ? `${String(schema.description)}\n\n${note}` : note;
      const response = (schema.response ??= {}) as Record<string, unknown>;
      response[401] ??= problemSchema.describe(
        'Missing, unknown or revoked API key (problem+json, WWW-Authenticate: Bearer)',
      );
      response[403] ??= problemSchema.describe(`The API key's role is below ${minRole} (problem+json)`);
    });

    app.addHook('onRequest', async (request) => {
      const minRole = request.routeOptions.config?.minRole;
      if (!minRole) return;
      const principal = await authenticate(request);
      if (!hasRole(principal.role, minRole)) {
        throw forbidden(`This operation needs the ${minRole} role; the key "${principal.name}" has ${principal.role}.`);
      }
    });
  },
  { name: 'auth', dependencies: ['config', 'neo4j'] },
);
