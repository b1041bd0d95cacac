import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cypher } from '../../db/cypher.js';
import { migrationStatus } from '../../db/migrate.js';
import { isDatabaseUnavailable } from '../../db/errors.js';
import { HttpProblem, serviceUnavailable } from '../../lib/problems.js';
import { metrics } from '../../lib/metrics.js';
import { RoadmapGauges } from '../../lib/roadmap-gauges.js';

const readySchema = z.object({
  status: z.literal('ready'),
  neo4j: z.object({ version: z.string(), edition: z.string() }),
  migrations: z.object({ applied: z.number().int(), pending: z.number().int() }),
});

/** /livez says the process runs; /readyz says it can serve (Neo4j answers, no migration pending). */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const gauges = new RoadmapGauges(app.db);
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
        summary: 'Readiness: Neo4j answers and every migration is applied',
        description: '503 problem+json (with Retry-After) while Neo4j is unreachable or a migration is pending.',
        response: { 200: readySchema },
      },
    },
    async () => {
      let components: { version: string; edition: string } | undefined;
      let migrations: Awaited<ReturnType<typeof migrationStatus>>;
      try {
        const { records } = await app.neo4j.executeQuery(cypher('health/components'), {}, { routing: 'READ' });
        components = records[0]?.toObject() as { version: string; edition: string } | undefined;
        migrations = await migrationStatus(app.neo4j);
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          throw serviceUnavailable('Neo4j is not reachable.', app.config.retryAfterSeconds);
        }
        throw error;
      }
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
    async (_request, reply) => reply.type('text/plain; version=0.0.4').send(metrics.render() + (await gauges.render())),
  );
};

export default healthRoutes;
