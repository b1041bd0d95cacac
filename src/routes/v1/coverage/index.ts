import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { run } from '../../../db/db.js';
import { conditionalRead, revisionMeta } from '../../../lib/conditional.js';
import { problemResponses } from '../../../schemas/common.js';
import { coverageResponseSchema, type Coverage } from '../../../schemas/gaps.js';
import { ACTIVE_STATUSES } from '../gaps/compute.js';

interface CoverageRow {
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

/** count / total, 0 when there is nothing to cover. */
export const shareOf = (count: number, total: number) => (total === 0 ? 0 : count / total);
const sum = <T>(items: T[], pick: (item: T) => number) => items.reduce((n, item) => n + pick(item), 0);

const description = `Summary figures for dashboards, counting only links that are not retired: per GDC objective the
share of its commitments an action line aligns with and the share with a responsible entity; per SDG the
share of its targets an action line supports directly; totals, including action lines (C1…C11 less C7,
plus the C7 sub-lines) with a lead facilitator. Shares are fractions 0–1 (not rounded). One Cypher round
trip (cypher/coverage/summary.cypher); ETag from the graph revision.`;

/** GET /v1/coverage. */
const coverageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['matrix'],
        summary: 'Coverage figures per GDC objective and per SDG',
        description,
        querystring: z.object({}).strict(),
        response: { 200: coverageResponseSchema, 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const outcome = await conditionalRead(request, reply, 'coverage', async (tx, revision) => {
        const [row] = await run<CoverageRow & Record<string, unknown>>(tx, 'coverage/summary', {
          active: ACTIVE_STATUSES,
        });
        return { revision, row: row! };
      });
      const { row, revision } = outcome;
      const commitments = sum(row.objectives, (o) => o.commitments);
      const withActionLine = sum(row.objectives, (o) => o.withActionLine);
      const withResponsibleEntity = sum(row.objectives, (o) => o.withResponsibleEntity);
      const targets = sum(row.sdgs, (g) => g.targets);
      const supportedTargets = sum(row.sdgs, (g) => g.supported);
      const data: Coverage = {
        objectives: row.objectives.map((o) => ({
          ...o,
          shareWithActionLine: shareOf(o.withActionLine, o.commitments),
          shareWithResponsibleEntity: shareOf(o.withResponsibleEntity, o.commitments),
        })),
        sdgs: row.sdgs.map((g) => ({ ...g, shareSupported: shareOf(g.supported, g.targets) })),
        totals: {
          commitments,
          withActionLine,
          withResponsibleEntity,
          shareWithActionLine: shareOf(withActionLine, commitments),
          shareWithResponsibleEntity: shareOf(withResponsibleEntity, commitments),
          targets,
          supportedTargets,
          shareTargetsSupported: shareOf(supportedTargets, targets),
          actionLines: row.actionLines,
          actionLinesWithLead: row.actionLinesWithLead,
          shareActionLinesWithLead: shareOf(row.actionLinesWithLead, row.actionLines),
        },
      };
      return { data, meta: revisionMeta(revision) };
    },
  );
};

export default coverageRoutes;
