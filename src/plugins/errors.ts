import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HttpProblem, problemType, serviceUnavailable, type FieldError } from '../lib/problems.js';
import { isDatabaseUnavailable } from '../db/errors.js';

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
    app.setErrorHandler((error, request, reply) => {
      if (error instanceof HttpProblem) return sendProblem(reply, request, error);

      if (hasZodFastifySchemaValidationErrors(error)) {
        const where = CONTEXT_NAMES[error.validationContext ?? ''] ?? error.validationContext ?? 'request';
        const errors: FieldError[] = error.validation.map((v) => ({
          path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
          message: v.message ?? 'invalid',
        }));
        const fields = [...new Set(errors.map((e) => e.path))].join(', ');
        return sendProblem(reply, request, new HttpProblem(400, 'validation', 'Invalid request', `Invalid ${fields}`, { errors }));
      }

      if (isDatabaseUnavailable(error)) {
        request.log.warn({ err: error }, 'Neo4j unavailable');
        return sendProblem(
          reply,
          request,
          serviceUnavailable('The graph database is unreachable; retry shortly.', app.config.retryAfterSeconds),
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

    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, request, new HttpProblem(404, 'not-found', 'Not found', `No route ${request.method} ${request.url.split('?')[0]}`)),
    );
  },
  { name: 'errors', dependencies: ['config'] },
);
