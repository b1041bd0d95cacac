import fp from 'fastify-plugin';
import type { FastifyRequest, RouteOptions } from 'fastify';
import { findApiKey, isExpired } from '../db/api-keys.js';
import { recordSecurityEvent } from '../db/security-log.js';
import { KeyUsage } from '../lib/key-usage.js';
import { forbidden, HttpProblem, unauthorized } from '../lib/problems.js';
import { securityContextOf } from '../lib/security-context.js';
import { redeemStreamTicket } from '../db/stream-tickets.js';
import { hasRole, type Principal, type Role } from '../lib/roles.js';
import { problemSchema } from '../schemas/common.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The weakest API key role allowed to call the route; routes without it are public. */
    minRole?: Role;
    /** A key limited to one entity (focal point) may call this write; it checks the entity itself. */
    entityScoped?: boolean;
    /** The route also takes a single-use stream ticket (`?ticket=`) instead of the Authorization header. */
    streamTicket?: boolean;
  }
  interface FastifyInstance {
    /** Last-used times of API keys, written in batches off the request path. */
    keyUsage: KeyUsage;
  }
  interface FastifyRequest {
    /** The API key of a secured request, once the auth hook has checked it (null on public routes). */
    principal: Principal | null;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Finds and checks the request's key: missing, unknown, revoked or expired → 401. Cached on the request. */
async function checkKey(request: FastifyRequest): Promise<Principal> {
  const header = request.headers.authorization;
  const ticket = (request.query as { ticket?: unknown } | undefined)?.ticket;
  if (!header && request.routeOptions.config?.streamTicket && typeof ticket === 'string') {
    return (request.principal = await redeemTicket(request, ticket));
  }
  if (!header) throw unauthorized('This operation needs an API key: send Authorization: Bearer <key>.');
  const token = BEARER.exec(header)?.[1];
  if (!token) throw unauthorized('The Authorization header must be "Bearer <key>".');
  const key = await findApiKey(request.server.db, token);
  if (!key) throw unauthorized('Unknown API key.');
  if (key.revokedAt) throw unauthorized(`This API key was revoked at ${key.revokedAt}.`);
  if (isExpired(key)) {
    const detail = key.replacedBy
      ? `This API key expired at ${key.expiresAt} (it was rotated; use its successor).`
      : `This API key expired at ${key.expiresAt}.`;
    try {
      await recordSecurityEvent(request.server.db, securityContextOf(request), {
        type: 'key.expired-use',
        keyId: key.id,
        keyName: key.name,
        detail: { expiresAt: key.expiresAt },
      });
    } catch (error) {
      request.log.warn({ err: error }, 'could not write the security event');
    }
    throw unauthorized(detail);
  }
  request.server.keyUsage.touch(key.id);
  return { id: key.id, name: key.name, role: key.role, entity: key.entity };
}

/**
 * The key check behind the failed-authentication throttle: a throttled address is refused (429)
 * before its key is even looked up; each 401 counts against its address.
 */
async function authenticate(request: FastifyRequest): Promise<Principal> {
  if (request.principal) return request.principal;
  await request.server.authThrottle.guard(request);
  try {
    request.principal = await checkKey(request);
  } catch (error) {
    if (error instanceof HttpProblem && error.status === 401) {
      request.log.info({ address: request.ip, reason: error.detail }, 'authentication failed');
      await request.server.authThrottle.failed(request);
    }
    throw error;
  }
  return request.principal;
}

/** A stream ticket in place of a key: single use, so a second try with the same ticket is 401 too. */
async function redeemTicket(request: FastifyRequest, ticket: string): Promise<Principal> {
  const outcome = await redeemStreamTicket(request.server.db, ticket);
  if (outcome.ok) return outcome.principal;
  const detail = {
    unknown:
      'Unknown or already used stream ticket: tickets open one stream; get a new one with POST /v1/changes/stream-tickets.',
    expired: `This stream ticket expired at ${outcome.expiresAt}; get a new one with POST /v1/changes/stream-tickets and use it at once.`,
    revoked: 'The API key this stream ticket was issued to has been revoked.',
  }[outcome.reason];
  throw unauthorized(detail);
}

const isRead = (method: RouteOptions['method']) => [method].flat().every((m) => m === 'GET' || m === 'HEAD');

/**
 * API keys and roles (viewer < editor < admin), in one place:
 * - a route declares `config: { minRole }`; with REQUIRE_KEY_FOR_READS every GET under /v1 needs
 *   at least a viewer key too;
 * - `onRoute` marks each secured operation in the OpenAPI document (`security: [{bearerAuth: []}]`,
 *   `x-min-role`, 401/403 responses), so the document and the checks cannot disagree;
 * - `onRequest` checks the key before the body is parsed or validated and before any id is looked
 *   up: missing/unknown/revoked/expired key → 401 with WWW-Authenticate, role too low → 403;
 *   failures are throttled per address (src/plugins/abuse-limits.ts).
 * Keys are looked up once per request (no cache across requests, so a revocation acts at once);
 * their last-used time is noted in memory and written in batches (src/lib/key-usage.ts).
 */
export default fp(
  async (app) => {
    app.decorateRequest('principal', null);
    const keyUsage = new KeyUsage(app.db, app.log);
    app.decorate('keyUsage', keyUsage);
    app.addHook('onClose', async () => keyUsage.close());

    app.addHook('onRoute', (route) => {
      let minRole = route.config?.minRole;
      if (!minRole && app.config.requireKeyForReads && route.url.startsWith('/v1/') && isRead(route.method)) {
        minRole = 'viewer';
        route.config = { ...route.config, minRole };
      }
      if (!minRole) {
        // Public: said explicitly, so generators and linters do not assume a global requirement.
        if (route.schema && !route.schema.hide) (route.schema as Record<string, unknown>).security ??= [];
        return;
      }
      const schema = (route.schema ??= {}) as Record<string, unknown>;
      schema.security = route.config?.streamTicket ? [{ bearerAuth: [] }, { streamTicket: [] }] : [{ bearerAuth: [] }];
      schema['x-min-role'] = minRole;
      const note = `Requires an API key with role ${minRole} or higher.`;
      schema.description = schema.description ? `${String(schema.description)}\n\n${note}` : note;
      const response = (schema.response ??= {}) as Record<string, unknown>;
      response[401] ??= problemSchema.describe(
        'Missing, unknown, revoked or expired API key (problem+json, WWW-Authenticate: Bearer)',
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
      // A focal-point key writes its entity's activities and progress, nothing else.
      if (principal.entity && !isRead(request.method) && !request.routeOptions.config?.entityScoped) {
        throw forbidden(
          `The key "${principal.name}" is limited to the activities and progress of ${principal.entity}; this operation is not one of them.`,
        );
      }
    });
  },
  { name: 'auth', dependencies: ['config', 'neo4j'] },
);
