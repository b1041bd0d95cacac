import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { NotModified, setCacheHeaders } from '../lib/conditional.js';
import { NotReconstructable } from '../domain/time-travel.js';
import {
  HttpProblem,
  problemType,
  queryTooLarge,
  serviceUnavailable,
  type FieldError,
  unprocessable,
} from '../lib/problems.js';
import { isDatabaseBusy, isDatabaseUnavailable, QueryMemoryExceeded } from '../db/errors.js';
import { problemSchema } from '../schemas/common.js';

const CONTEXT_NAMES: Record<string, string> = { querystring: 'query', params: 'path', body: 'body', headers: 'header' };

/** Writes an RFC 9457 problem+json body. Sent as a string so no route response schema touches it. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: HttpProblem): FastifyReply {
  const { errors, headers, ...rest } = problem.extra;
  for (const [name, value] of Object.entries(headers ?? {})) reply.header(name, value);
  const body = {
    type: problemType(problem.slug),
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: request.url,
    ...rest,
    ...(errors ? { errors } : {}),
  };
  return reply.code(problem.status).type('application/problem+json').send(JSON.stringify(body));
}

/**
 * Fastify's `frameworkErrors` option: errors the router raises before any route or error handler runs
 * (a path parameter longer than any id, a malformed %-escape), as 400 problem+json instead of Fastify's own JSON.
 */
export function frameworkErrorHandler(
  error: { code?: string; message: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'a path parameter is longer than 100 characters'
      : 'malformed URL encoding';
  sendProblem(
    reply,
    request,
    new HttpProblem(400, 'validation', 'Invalid request', `Invalid path: ${message}`, {
      errors: [{ path: 'path', message }],
    }),
  );
}

/** No route for this method and path: 405 with Allow when the path has routes for other methods, else 404. */
function noRoute(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0]!;
  // OPTIONS (CORS preflight) is routed for every path, so it tells nothing about whether the path exists.
  const served = app.supportedMethods.filter(
    (method) => method !== 'OPTIONS' && app.findRoute({ method, url: path }) !== null,
  );
  const allowed = served.length ? [...served, 'OPTIONS'] : [];
  if (allowed.length === 0) {
    return sendProblem(
      reply,
      request,
      new HttpProblem(404, 'not-found', 'Not found', `No route ${request.method} ${path}`),
    );
  }
  return sendProblem(
    reply,
    request,
    new HttpProblem(
      405,
      'method-not-allowed',
      'Method not allowed',
      `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}.`,
      {
        headers: { allow: allowed.join(', ') },
      },
    ),
  );
}

/** Methods whose bodies Fastify parses, so their routes can also answer 413 and 415. */
const takesBody = (method: string | string[]) => [method].flat().some((m) => m !== 'GET' && m !== 'HEAD');

/** Maps Fastify's own client errors (body parsing, limits, media types) to problems. */
function fromFastifyError(error: { code?: string; statusCode?: number; message: string }): HttpProblem | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpProblem(413, 'payload-too-large', 'Payload too large', error.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', error.message);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpProblem(400, 'malformed-body', 'Malformed request body', error.message, {
        errors: [{ path: 'body', message: error.message }],
      });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new HttpProblem(error.statusCode, 'client-error', 'Bad request', error.message);
  }
  return undefined;
}

/**
 * The one error handler: domain problems, validation errors, Fastify client errors, Neo4j being
 * away (503 + Retry-After), and everything else as a 500 whose body never shows internals.
 */
export default fp(
  async (app) => {
    // Document the body problems fromFastifyError produces on every route that parses a body.
    app.addHook('onRoute', (route) => {
      const response = route.schema?.response as Record<string, unknown> | undefined;
      if (!response || !takesBody(route.method)) return;
      response[413] ??= problemSchema.describe('Body larger than BODY_LIMIT_BYTES (problem+json)');
      response[415] ??= problemSchema.describe('Content-Type not accepted by this operation (problem+json)');
    });

    app.setErrorHandler((error, request, reply) => {
      // A body or header error on a path no route serves: the missing route is the answer.
      if (request.is404) return noRoute(app, request, reply);
      if (error instanceof NotModified) {
        setCacheHeaders(reply, error.etag);
        return reply.code(304).send();
      }
      if (error instanceof HttpProblem) return sendProblem(reply, request, error);
      if (error instanceof NotReconstructable) {
        // A past state the change log cannot rebuild: refused, never guessed (src/domain/time-travel.ts).
        const query = (request.query ?? {}) as Record<string, unknown>;
        const param = ['version', 'revision', 'from'].find((name) => query[name] !== undefined) ?? 'revision';
        return sendProblem(
          reply,
          request,
          unprocessable(error.message, [{ path: `query.${param}`, message: `before revision ${error.revision}` }]),
        );
      }

      if (hasZodFastifySchemaValidationErrors(error)) {
        const where = CONTEXT_NAMES[error.validationContext ?? ''] ?? error.validationContext ?? 'request';
        const errors: FieldError[] = error.validation.map((v) => ({
          path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
          message: v.message ?? 'invalid',
        }));
        const fields = [...new Set(errors.map((e) => e.path))].join(', ');
        return sendProblem(
          reply,
          request,
          new HttpProblem(400, 'validation', 'Invalid request', `Invalid ${fields}`, { errors }),
        );
      }

      if (isDatabaseUnavailable(error)) {
        request.log.warn({ err: error }, 'Neo4j unavailable');
        return sendProblem(
          reply,
          request,
          serviceUnavailable('The graph database is unreachable; retry shortly.', app.config.retryAfterSeconds),
        );
      }

      if (isDatabaseBusy(error)) {
        request.log.warn({ err: error }, 'Neo4j busy after retries');
        return sendProblem(
          reply,
          request,
          new HttpProblem(503, 'database-busy', 'Service unavailable', 'The graph database is busy; retry shortly.', {
            headers: { 'retry-after': String(app.config.retryAfterSeconds) },
          }),
        );
      }

      if (error instanceof QueryMemoryExceeded) {
        request.log.warn({ err: error }, 'query refused by Neo4j for lack of memory');
        return sendProblem(
          reply,
          request,
          queryTooLarge(
            'The database has not enough memory for this query. Narrow it (filters, ?kind=, paging) or use the ' +
              'streamed CSV / JSON-lines export; retry later if the database is busy.',
            app.config.retryAfterSeconds,
          ),
        );
      }

      const clientProblem = fromFastifyError(error as { code?: string; statusCode?: number; message: string });
      if (clientProblem) return sendProblem(reply, request, clientProblem);

      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(
        reply,
        request,
        new HttpProblem(500, 'internal', 'Internal server error', 'An unexpected error occurred; it has been logged.'),
      );
    });

    app.setNotFoundHandler((request, reply) => noRoute(app, request, reply));
  },
  { name: 'errors', dependencies: ['config'] },
);
