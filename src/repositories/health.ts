import fp from 'fastify-plugin';
import type { Driver } from 'neo4j-driver';
import type { Db } from '../db/db.js';
import { run } from '../db/db.js';
import { isDatabaseUnavailable } from '../db/errors.js';
import { type MigrationStatus, migrationStatus } from '../db/migrate.js';
import { RoadmapGauges } from '../lib/roadmap-gauges.js';

export interface Neo4jComponents {
  version: string;
  edition: string;
}

/** What /readyz needs to decide: Neo4j away, or what it reported and which migrations are applied. */
export type Readiness =
  | { reachable: false }
  | { reachable: true; components: Neo4jComponents | undefined; migrations: MigrationStatus };

/**
 * The service's own health: a write probe (cypher/health/*.cypher), the migration log, and the
 * roadmap gauges served on /metrics (recomputed only when the revision moves).
 */
export class HealthRepository {
  private readonly gauges: RoadmapGauges;

  constructor(
    private readonly db: Db,
    private readonly driver: Driver,
  ) {
    this.gauges = new RoadmapGauges(db);
  }

  /**
   * Commits a write transaction that creates and deletes a probe node (a database that answers
   * reads but cannot write yet is not ready), then reads the migration log.
   */
  async readiness(): Promise<Readiness> {
    try {
      const components = await this.db.write(async (tx) => {
        await run(tx, 'health/write-probe');
        const [row] = await run<Neo4jComponents>(tx, 'health/components');
        return row;
      });
      return { reachable: true, components, migrations: await migrationStatus(this.driver) };
    } catch (error) {
      if (isDatabaseUnavailable(error)) return { reachable: false };
      throw error;
    }
  }

  /** The roadmap gauges in Prometheus text format (a placeholder gauge when Neo4j is away). */
  roadmapGauges(): Promise<string> {
    return this.gauges.render();
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    health: HealthRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('health', new HealthRepository(app.db, app.neo4j));
  },
  {
    name: 'health-repository',
    dependencies: ['neo4j'],
  },
);
