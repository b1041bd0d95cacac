import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { negotiateFormat, revisionMeta } from '../../../lib/conditional.js';
import { sendCsv } from '../../../lib/csv.js';
import {
  type ColumnKey,
  chooseHeaders,
  COLUMN_LABELS_NOTE,
  headersQuery,
  headersVariant,
  localizedColumns,
} from '../../../lib/i18n/column-labels/index.js';
import { langQuery, negotiateLanguage } from '../../../lib/i18n/languages.js';
import { bomQuery, formatQuery, problemResponses } from '../../../schemas/common.js';
import { asOfQuery } from '../../../schemas/versions.js';
import { coverageResponseSchema, type Coverage } from '../../../schemas/gaps.js';

/** count / total, 0 when there is nothing to cover. */
export const shareOf = (count: number, total: number) => (total === 0 ? 0 : count / total);
const sum = <T>(items: T[], pick: (item: T) => number) => items.reduce((n, item) => n + pick(item), 0);

export const COVERAGE_CSV_COLUMNS = [
  'scope',
  'id',
  'label',
  'measure',
  'covered',
  'total',
  'share',
] as const satisfies readonly ColumnKey[];

const description = `Summary figures for dashboards, counting only links that are not retired: per GDC objective the
share of its commitments an action line aligns with and the share with a responsible entity; per SDG the
share of its targets an action line supports directly; totals, including action lines (C1…C11 less C7,
plus the C7 sub-lines) with a lead facilitator. SDG labels follow \`?lang=\` or Accept-Language (Content-Language says which).
Shares are fractions 0–1 (not rounded). One Cypher round trip (cypher/coverage/summary.cypher); ETag from the graph revision.

CSV (\`?format=csv\` or \`Accept: text/csv\`): one line per figure, columns ${COVERAGE_CSV_COLUMNS.join(', ')};
scope is objective, sdg or total; measure is commitments-with-action-line, commitments-with-responsible-entity,
targets-supported or action-lines-with-lead; \`bom=true\` adds a UTF-8 byte order mark for Excel.

${COLUMN_LABELS_NOTE}`;

/** The coverage figures as tidy CSV rows: one per (scope, measure). */
export function* coverageCsvRows(data: Coverage): Generator<Record<string, unknown>> {
  for (const o of data.objectives) {
    const base = { scope: 'objective', id: o.id, label: o.label, total: o.commitments };
    yield { ...base, measure: 'commitments-with-action-line', covered: o.withActionLine, share: o.shareWithActionLine };
    yield {
      ...base,
      measure: 'commitments-with-responsible-entity',
      covered: o.withResponsibleEntity,
      share: o.shareWithResponsibleEntity,
    };
  }
  for (const g of data.sdgs) {
    yield {
      scope: 'sdg',
      id: g.id,
      label: g.label,
      measure: 'targets-supported',
      covered: g.supported,
      total: g.targets,
      share: g.shareSupported,
    };
  }
  const t = data.totals;
  const total = { scope: 'total', id: null, label: 'All' };
  yield {
    ...total,
    measure: 'commitments-with-action-line',
    covered: t.withActionLine,
    total: t.commitments,
    share: t.shareWithActionLine,
  };
  yield {
    ...total,
    measure: 'commitments-with-responsible-entity',
    covered: t.withResponsibleEntity,
    total: t.commitments,
    share: t.shareWithResponsibleEntity,
  };
  yield {
    ...total,
    measure: 'targets-supported',
    covered: t.supportedTargets,
    total: t.targets,
    share: t.shareTargetsSupported,
  };
  yield {
    ...total,
    measure: 'action-lines-with-lead',
    covered: t.actionLinesWithLead,
    total: t.actionLines,
    share: t.shareActionLinesWithLead,
  };
}

/** GET /v1/coverage. */
const coverageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { revisionCache: true },
      schema: {
        tags: ['matrix'],
        summary: 'Coverage figures per GDC objective and per SDG (JSON or CSV)',
        description,
        querystring: formatQuery
          .extend(bomQuery.shape)
          .extend(headersQuery.shape)
          .extend(langQuery.shape)
          .extend(asOfQuery.shape)
          .strict(),
        produces: ['application/json', 'text/csv'],
        response: { 200: coverageResponseSchema, 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const format = negotiateFormat(request, ['json', 'csv'], request.query.format);
      const language = negotiateLanguage(request, reply);
      const headers = chooseHeaders(language, request.query.headers, format);
      const outcome = await app.coverage.summary(
        reply,
        `coverage?lang=${language}#${format}${format === 'csv' ? `:${headersVariant(headers)}${request.query.bom ? '+bom' : ''}` : ''}`,
        language,
      );
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
      if (format === 'csv')
        return sendCsv(
          reply,
          localizedColumns(COVERAGE_CSV_COLUMNS, headers),
          coverageCsvRows(data),
          `roadmap-coverage-r${revision}.csv`,
          { bom: request.query.bom },
        );
      return { data, meta: revisionMeta(revision) };
    },
  );
};

export default coverageRoutes;
