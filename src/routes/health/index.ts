import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem, serviceUnavailable } from '../../lib/problems.js';
import { metrics } from '../../lib/metrics.js';

const readySchema = z.object({
  status: z.literal('ready'),
  neo4j: z.object({ version: z.string(), edition: z.string() }),
  migrations: z.object({ applied: z.number().int(), pending: z.number().int() }),
});

/**
 * /livez says the process runs; /readyz says it can serve: a write transaction commits on Neo4j
 * (not just a read: a database that answers but cannot write yet is not ready) and no migration
 * is pending.
 */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/livez',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process is up (does not touch Neo4j)',
        response: { 200: z.object({ status: z.literal('live'), uptimeSeconds: z.number() }) },
      },
    },
    async () => ({ status: 'live' as const, uptimeSeconds: Math.round(process.uptime()) }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: a write transaction commits on Neo4j and every migration is applied',
        description:
          '503 problem+json (with Retry-After) while Neo4j is unreachable or not writable, or a migration is pending. ' +
          'The write probe creates and deletes a node in one transaction: the roadmap and its revision stay untouched.',
        response: { 200: readySchema },
      },
    },
    async () => {
      const readiness = await app.health.readiness();
      if (!readiness.reachable) throw serviceUnavailable('Neo4j is not reachable.', app.config.retryAfterSeconds);
      const { components, migrations } = readiness;
      if (!components) throw serviceUnavailable('Neo4j did not report its version.', app.config.retryAfterSeconds);
      if (migrations.pending.length > 0) {
        throw new HttpProblem(
          503,
          'migrations-pending',
          'Service unavailable',
          `Migrations pending: ${migrations.pending.join(', ')}. Run npm run migrate.`,
          {
            headers: { 'retry-after': String(app.config.retryAfterSeconds) },
            pending: migrations.pending,
          },
        );
      }
      return {
        status: 'ready' as const,
        neo4j: components,
        migrations: { applied: migrations.applied.length, pending: 0 },
      };
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['health'],
        summary:
          'Prometheus text metrics: requests, latency, memory, and the roadmap gaps per kind and coverage shares',
        description:
          'roadmap_gaps{kind} and roadmap_coverage_share{measure} are recomputed when the graph revision moves, ' +
          'so a scrape costs one small query.',
        produces: ['text/plain'],
      },
    },
    async (_request, reply) =>
      reply.type('text/plain; version=0.0.4').send(metrics.render() + (await app.health.roadmapGauges())),
  );
};

export default healthRoutes;
