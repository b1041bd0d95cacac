import { z } from 'zod';
import { intervals } from '../lib/coverage-history.js';
import { headersQuery } from '../lib/i18n/column-labels/keys.js';
import { bomQuery, revisionMetaSchema } from './common.js';

const instant = z.union([
  z.iso.date().describe('a UTC day, YYYY-MM-DD'),
  z.iso.datetime({ offset: true }).describe('an ISO 8601 date-time'),
]);

export const coverageHistoryQuerySchema = z
  .object({
    from: instant.optional().describe('Start (inclusive), a date or date-time; default: 30 intervals before `to`'),
    to: instant.optional().describe('End (exclusive), a date or date-time; default: the end of today (UTC)'),
    interval: z.enum(intervals).default('day').describe('day, week (ISO, from Monday) or month; UTC'),
    format: z.enum(['json', 'csv']).optional().describe('json (default) or csv; Accept: text/csv works too'),
  })
  .extend(bomQuery.shape)
  .extend(headersQuery.shape)
  .strict();

const share = (what: string) => z.number().min(0).max(1).describe(`${what} (0–1)`);

export const coverageHistoryPointSchema = z
  .object({
    from: z.string().describe('Start of the interval (inclusive, ISO 8601)'),
    to: z.string().describe('End of the interval (exclusive): the figures are the roadmap as it stood then'),
    revision: z.number().int().describe('Graph revision in force at `to`'),
    changes: z.number().int().describe('Change records within the interval'),
    commitments: z.number().int(),
    withActionLine: z.number().int(),
    withResponsibleEntity: z.number().int(),
    shareWithActionLine: share('Share of all commitments an action line aligns with'),
    shareWithResponsibleEntity: share('Share of all commitments with a responsible entity'),
    targets: z.number().int(),
    supportedTargets: z.number().int(),
    shareTargetsSupported: share('Share of all targets supported directly'),
    actionLines: z.number().int(),
    actionLinesWithLead: z.number().int(),
    shareActionLinesWithLead: share('Share of action lines with a lead facilitator'),
  })
  .meta({ id: 'CoverageHistoryPoint' });

export const coverageHistoryResponseSchema = z.object({
  data: z.array(coverageHistoryPointSchema),
  meta: revisionMetaSchema.extend({
    from: z.string(),
    to: z.string(),
    interval: z.enum(intervals),
    historyStart: z
      .string()
      .nullable()
      .describe('The last seed load: the change log records links one by one only after it, so intervals end after it'),
  }),
});
