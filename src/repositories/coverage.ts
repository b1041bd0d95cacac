import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { run } from '../db/db.js';
import { ACTIVE_STATUSES } from '../domain/gaps.js';
import { conditionalRead } from '../lib/conditional.js';
import type { HistoryBase, LoggedChange } from '../lib/coverage-history.js';
import type { Language } from '../lib/i18n/languages.js';

/** The coverage counts as cypher/coverage/summary.cypher returns them (shares are computed by the route). */
export interface CoverageRow {
  objectives: {
    id: number;
    label: string;
    commitments: number;
    withActionLine: number;
    withResponsibleEntity: number;
  }[];
  sdgs: { id: number; label: string; targets: number; supported: number }[];
  actionLines: number;
  actionLinesWithLead: number;
}

/**
 * Coverage figures: the current counts (cypher/coverage/summary.cypher) and what the history is
 * computed from (cypher/coverage/history-base.cypher, cypher/changes/after.cypher), each read at one
 * committed revision. `variant` (format, language, range...) is part of the ETag.
 */
export class CoverageRepository {
  /** The counts per GDC objective and per SDG, counting only links that are not retired. */
  summary(reply: FastifyReply, variant: string, language: Language): Promise<{ revision: number; row: CoverageRow }> {
    return conditionalRead(reply.request, reply, variant, async (tx, revision) => {
      const [row] = await run<CoverageRow & Record<string, unknown>>(tx, 'coverage/summary', {
        active: ACTIVE_STATUSES,
        language,
      });
      return { revision, row: row! };
    });
  }

  /** The links as they stand now and every Change from `after` on, to walk the coverage back through. */
  history(
    reply: FastifyReply,
    variant: string,
    after: Date,
  ): Promise<{ revision: number; base: HistoryBase & { seededAt: string | null }; changes: LoggedChange[] }> {
    return conditionalRead(reply.request, reply, variant, async (tx, revision) => {
      const [base] = await run<HistoryBase & { seededAt: string | null }>(tx, 'coverage/history-base');
      const changes = (await run<{ change: LoggedChange }>(tx, 'changes/after', { after: after.toISOString() })).map(
        (r) => r.change,
      );
      return { revision, base: base!, changes };
    });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    coverage: CoverageRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('coverage', new CoverageRepository());
  },
  {
    name: 'coverage-repository',
    dependencies: ['neo4j'],
  },
);
