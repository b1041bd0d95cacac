import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import configPlugin from './plugins/config.js';
import errorsPlugin, { frameworkErrorHandler } from './plugins/errors.js';
import swaggerPlugin from './plugins/swagger.js';
import neo4jPlugin from './plugins/neo4j.js';
import authPlugin from './plugins/auth.js';
import negotiationPlugin from './plugins/negotiation.js';
import writePathPlugin from './plugins/write-path.js';
import corsPlugin from './plugins/cors.js';
import preconditionsPlugin from './plugins/preconditions.js';
import compressionPlugin from './plugins/compression.js';
import webPlugin from './plugins/web.js';
import languagePlugin from './plugins/language.js';
import repositories from './repositories/index.js';
import readCachePlugin from './plugins/read-cache.js';
import healthRoutes from './routes/health/index.js';
import v1Routes from './routes/v1/index.js';
import { metrics } from './lib/metrics.js';
import { requestIdFor } from './lib/request-id.js';
import abuseLimitsPlugin from './plugins/abuse-limits.js';
import securityHeadersPlugin from './plugins/security-headers.js';

export interface BuildOptions {
  /** Use this driver instead of opening one (tests share one driver across apps). */
  driver?: Driver;
  /** false silences logs (tests); default: pino JSON at config.logLevel. */
  logger?: boolean;
  /** Where the JSON log lines go instead of stdout (tests that read them). */
  logStream?: NodeJS.WritableStream;
}

/** Secrets that may appear in a query string (a stream ticket), blanked before a URL is logged. */
export const redactUrl = (url: string) => url.replace(/([?&]ticket=)[^&#]*/gi, '$1[redacted]');

/** Builds the whole application without listening: src/server.ts listens, tests use app.inject. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'headers.authorization'],
            ...(options.logStream ? { stream: options.logStream } : {}),
            serializers: {
              req: (request: FastifyRequest) => ({
                method: request.method,
                url: redactUrl(request.url),
                host: request.host,
                remoteAddress: request.ip,
              }),
            },
          },
    // A caller's X-Request-Id is kept when it is sane (src/lib/request-id.ts); pino puts it on every line.
    requestIdHeader: false,
    genReqId: requestIdFor,
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.observe(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });

  await app.register(configPlugin, { config });
  await app.register(errorsPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(corsPlugin);
  await app.register(compressionPlugin);
  await app.register(swaggerPlugin);
  await app.register(neo4jPlugin, { driver: options.driver });
  await app.register(repositories);
  await app.register(authPlugin);
  await app.register(abuseLimitsPlugin);
  await app.register(negotiationPlugin);
  await app.register(writePathPlugin);
  await app.register(preconditionsPlugin);
  await app.register(languagePlugin);
  // After the language plugin: a cached answer keeps the Content-Language it was sent with.
  await app.register(readCachePlugin);
  await app.register(healthRoutes);
  await app.register(v1Routes, { prefix: '/v1' });
  await app.register(webPlugin);
  return app;
}
