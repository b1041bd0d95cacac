import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { changesSinceEndorsed, readReportFrame, readYearInputs } from '../db/annual-report.js';
import { compileAnnualReport } from '../domain/annual-report.js';
import { conditionalRead } from '../lib/conditional.js';
import { readAllGaps } from '../db/gaps.js';
import { isoToday } from '../domain/gaps.js';
import type { AnnualReport } from '../schemas/reports.js';

/**
 * The annual report, compiled from one committed revision (cypher/reports/*.cypher, the gaps and
 * the change log): the ETag names that revision and the day ("past due" depends on it).
 */
export class ReportRepository {
  annual(reply: FastifyReply, year: number, representation: string): Promise<AnnualReport> {
    const today = isoToday();
    return conditionalRead(
      reply.request,
      reply,
      `report/annual/${year}?on=${today}#${representation}`,
      async (tx, revision) => {
        const gaps = await readAllGaps(tx, 'en', today);
        // Open gaps, every kind but the workload (not a gap), as {id, label, reason}.
        const open = Object.fromEntries(
          Object.entries(gaps)
            .filter(([kind]) => kind !== 'entity-workload')
            .map(([kind, items]) => [
              kind,
              items.map((g) =>
                'actionLine' in g
                  ? { id: `${g.actionLine}|${g.commitment}`, label: g.label, reason: g.reason }
                  : { id: g.id, label: g.label, reason: g.reason },
              ),
            ]),
        );
        return compileAnnualReport({
          year,
          revision,
          frame: await readReportFrame(tx),
          ...(await readYearInputs(tx, year)),
          gaps: open,
          ...(await changesSinceEndorsed(tx, revision)),
        });
      },
    );
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    reports: ReportRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('reports', new ReportRepository());
  },
  { name: 'report-repository', dependencies: ['neo4j'] },
);
