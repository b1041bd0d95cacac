import fp from 'fastify-plugin';
import type { ManagedTransaction } from 'neo4j-driver';
import { consistentRead } from '../db/consistency.js';
import type { Db } from '../db/db.js';
import { applyImport, type ImportError, type ImportPlan, planImport } from '../domain/import.js';

/**
 * Bulk link imports: the rules (row format, diff, one lead per action line) are in
 * src/domain/import.ts; this repository runs them against the graph, either as a consistent
 * read (a dry run) or inside the write path's transaction.
 */
export class ImportRepository {
  constructor(private readonly db: Db) {}

  /** The diff an import would make, read at one committed revision; nothing is written. */
  async dryRun(
    rows: Record<string, unknown>[],
    preErrors: ImportError[],
  ): Promise<{ plan: ImportPlan; revision: number }> {
    const { value: plan, revision } = await consistentRead(this.db, (tx) => planImport(tx, rows, preErrors));
    return { plan, revision };
  }

  /** The diff, planned inside the write's own transaction (so it is the state the write changes). */
  plan(tx: ManagedTransaction, rows: Record<string, unknown>[], preErrors: ImportError[]): Promise<ImportPlan> {
    return planImport(tx, rows, preErrors);
  }

  /** Writes a planned import; returns one change draft per row that changed something. */
  apply(tx: ManagedTransaction, plan: ImportPlan, actor: string, at: string, reason: string | null) {
    return applyImport(tx, plan, actor, at, reason);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    imports: ImportRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('imports', new ImportRepository(app.db));
  },
  {
    name: 'import-repository',
    dependencies: ['neo4j'],
  },
);
