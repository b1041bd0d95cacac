import cors from '@fastify/cors';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { HttpProblem, notFound } from '../lib/problems.js';

/** Request headers a browser client may send cross-origin (everything else is refused at preflight). */
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'If-Match',
  'If-None-Match',
  'Last-Event-ID',
  'X-Request-Id',
];
/** Response headers a browser client may read besides the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = ['ETag', 'Retry-After', 'Location', 'X-Request-Id', 'Content-Disposition'];

/** The origin of the request itself, as a browser on this server's own pages (/docs) would send it. */
const ownOrigin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/**
 * Cross-origin access for browser dashboards, from the CORS_ORIGINS allow-list (default none):
 * - a request whose Origin is neither listed nor this server's own is 403 problem+json before
 *   anything else runs (no key lookup, no write), so a page elsewhere can neither read nor change;
 * - @fastify/cors answers the preflight (OPTIONS with Access-Control-Request-Method) of every route
 *   for listed origins and adds Access-Control-* headers, exposing ETag, Retry-After, Location and
 *   X-Request-Id so clients can do conditional writes, back off, and quote a request id;
 * - an OPTIONS that is not a preflight is answered as RFC 9110 says: 204 with Allow.
 * Keys travel in the Authorization header, never cookies, so credentials stay off.
 */
export default fp(
  async (app) => {
    const allowed = new Set(app.config.corsOrigins);

    app.addHook('onRequest', async (request, reply) => {
      const origin = request.headers.origin;
      if (origin !== undefined && !allowed.has(origin) && origin !== ownOrigin(request)) {
        throw new HttpProblem(
          403,
          'origin-not-allowed',
          'Origin not allowed',
          `Cross-origin requests from ${origin} are not allowed; the server's CORS_ORIGINS lists the origins that are.`,
          { errors: [{ path: 'header.origin', message: 'not in the allow-list (CORS_ORIGINS)' }] },
        );
      }
      if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] === undefined) {
        const path = request.url.split('?')[0]!;
        const methods = app.supportedMethods.filter(
          (method) => method !== 'OPTIONS' && app.findRoute({ method, url: path }) !== null,
        );
        if (methods.length === 0) throw notFound(`No route ${path}`);
        await reply
          .code(204)
          .header('allow', [...methods, 'OPTIONS'].join(', '))
          .send();
      }
    });

    await app.register(cors, {
      origin: [...allowed],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      credentials: false,
      maxAge: 600,
      strictPreflight: true,
    });
  },
  { name: 'cors', dependencies: ['config', 'errors'] },
);
