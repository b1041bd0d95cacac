import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { negotiateFormat, revisionMeta } from '../../../lib/conditional.js';
import { coverageHistory, type Interval, intervalStarts } from '../../../lib/coverage-history.js';
import { sendCsv } from '../../../lib/csv.js';
import {
  type ColumnKey,
  COLUMN_LABELS_NOTE,
  headersVariant,
  localizedColumns,
  negotiateHeaderLanguage,
} from '../../../lib/i18n/column-labels/index.js';
import { badRequest } from '../../../lib/problems.js';
import { problemResponses } from '../../../schemas/common.js';
import { coverageHistoryQuerySchema, coverageHistoryResponseSchema } from '../../../schemas/coverage-history.js';

/** Most intervals one request may ask for (about three years of days). */
const MAX_INTERVALS = 1100;

const CSV_COLUMNS = [
  'from',
  'to',
  'revision',
  'changes',
  'commitments',
  'withActionLine',
  'withResponsibleEntity',
  'shareWithActionLine',
  'shareWithResponsibleEntity',
  'targets',
  'supportedTargets',
  'shareTargetsSupported',
  'actionLines',
  'actionLinesWithLead',
  'shareActionLinesWithLead',
] as const satisfies readonly ColumnKey[];

const parseInstant = (value: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);

/** `to` by default: the end of today, UTC (stable all day, so the ETag is too). */
function endOfToday(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

function defaultFrom(to: Date, interval: Interval): Date {
  const d = new Date(to);
  if (interval === 'day') d.setUTCDate(d.getUTCDate() - 30);
  else if (interval === 'week') d.setUTCDate(d.getUTCDate() - 7 * 30);
  else d.setUTCMonth(d.getUTCMonth() - 30);
  return d;
}

const description = `The coverage totals of /v1/coverage as they stood at the end of each interval between \`from\` and
\`to\`, computed from the change log: the links as they stand now, walked back through every Change (its \`before\`
put back), so no snapshots are needed and every API instance agrees. Each point names its interval [from, to), the
revision in force at its end and how many changes fell within it. The seed load records no per-link changes, so
intervals that end before the last seed load are left out (\`meta.historyStart\`). CSV (\`?format=csv\` or
\`Accept: text/csv\`): one line per interval, columns ${CSV_COLUMNS.join(', ')}. \`from\` after \`to\`, or more than
${MAX_INTERVALS} intervals, is 400. \`bom=true\` starts the CSV with a UTF-8 byte order mark for Excel. The data
has no translated text: \`?lang=\` and Accept-Language choose the language of the CSV headers only.

${COLUMN_LABELS_NOTE}`;

/** GET /v1/coverage/history. Cypher: cypher/coverage/history-base.cypher, cypher/changes/after.cypher. */
const coverageHistoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['matrix'],
        summary: 'Coverage over time, from the change log (JSON or CSV)',
        description,
        querystring: coverageHistoryQuerySchema,
        produces: ['application/json', 'text/csv'],
        response: { 200: coverageHistoryResponseSchema, 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { interval, bom } = request.query;
      const format = negotiateFormat(request, ['json', 'csv'], request.query.format);
      const headers = negotiateHeaderLanguage(request, reply, format, request.query.headers);
      const to = request.query.to ? parseInstant(request.query.to) : endOfToday();
      const from = request.query.from ? parseInstant(request.query.from) : defaultFrom(to, interval);
      if (from >= to) {
        throw badRequest(`from (${from.toISOString()}) must be before to (${to.toISOString()}).`, [
          { path: 'query.from', message: 'must be before to' },
          { path: 'query.to', message: 'must be after from' },
        ]);
      }
      const starts = intervalStarts(from, to, interval);
      if (starts.length > MAX_INTERVALS) {
        throw badRequest(
          `${starts.length} ${interval} intervals asked for; at most ${MAX_INTERVALS}: narrow the range or use a longer interval.`,
          [{ path: 'query.interval', message: `more than ${MAX_INTERVALS} intervals between from and to` }],
        );
      }
      const variant = `coverage/history ${from.toISOString()} ${to.toISOString()} ${interval} #${format}${format === 'csv' ? `:${headersVariant(headers)}${bom ? '+bom' : ''}` : ''}`;
      const outcome = await app.coverage.history(reply, variant, starts[0]!);
      const { revision, base, changes } = outcome;
      const seededAt = base.seededAt;
      const points = coverageHistory(base, changes, revision, starts, interval, to).filter(
        (p) => seededAt === null || p.to > seededAt,
      );
      if (format === 'csv') {
        return sendCsv(
          reply,
          localizedColumns(CSV_COLUMNS, headers),
          points.map((p) => ({ ...p })),
          `roadmap-coverage-history-${interval}-r${revision}.csv`,
          { bom },
        );
      }
      return {
        data: points,
        meta: {
          ...revisionMeta(revision),
          from: starts[0]?.toISOString() ?? from.toISOString(),
          to: to.toISOString(),
          interval,
          historyStart: seededAt,
        },
      };
    },
  );
};

export default coverageHistoryRoutes;
