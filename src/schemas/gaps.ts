import { z } from 'zod';
import { fromUrl, urlInteger } from '../domain/ids.js';
import { headersQuery } from '../lib/i18n/column-labels/keys.js';
import { langQuery } from '../lib/i18n/languages.js';
import { bomQuery, etagSchema, revisionMetaSchema } from './common.js';
import { asOfQuery } from './versions.js';

export const gapKinds = [
  'commitments-without-action-line',
  'commitments-without-responsible-entity',
  'action-lines-without-lead',
  'sdg-targets-without-support',
  'aligned-pairs-without-shared-entity',
  'entity-workload',
  'commitments-without-activity',
  'activities-past-due',
  'entities-not-reported',
] as const;
export type GapKind = (typeof gapKinds)[number];

export const gapsQuerySchema = z
  .object({
    kind: z.enum(gapKinds).optional().describe('Only this kind (default: all)'),
    limit: fromUrl(urlInteger({ min: 0, max: 5000 }).default(500)).describe(
      'JSON: items per kind, 0–5000 (0: counts only); ignored by the CSV and JSON-lines exports',
    ),
    // Cypher SKIP and LIMIT take 32-bit integers: offset + limit must stay below 2^31.
    offset: fromUrl(urlInteger({ min: 0, max: 2 ** 31 - 1 - 5000 }).default(0)).describe(
      'JSON: items of each kind to skip (stable order); ignored by the exports',
    ),
    format: z
      .enum(['json', 'csv', 'ndjson'])
      .optional()
      .describe(
        'json (default), csv or ndjson (JSON lines, one item per line with its kind); Accept: text/csv or application/x-ndjson work too',
      ),
    ...asOfQuery.shape,
  })
  .extend(bomQuery.shape)
  .extend(headersQuery.shape)
  .extend(langQuery.shape)
  .strict();
export type GapsQuery = z.infer<typeof gapsQuerySchema>;

export const gapItemSchema = z
  .object({ id: z.string(), label: z.string(), reason: z.string().describe('Why this is listed, in words') })
  .meta({
    id: 'GapItem',
    example: {
      id: '11c',
      label: '11(c) Develop and maintain digital infrastructure',
      reason: 'No action line aligns with GDC commitment 11(c) (objective 1).',
    },
  });

export const gapPairSchema = z
  .object({
    actionLine: z.string(),
    commitment: z.string(),
    label: z.string().describe('e.g. "C2 × 11(a)"'),
    reason: z.string(),
  })
  .meta({ id: 'GapPair' });

export const entityWorkloadSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    lead: z.number().int().describe('Action lines (or sub-lines) it leads'),
    co: z.number().int().describe('Action lines it co-facilitates'),
    partner: z.number().int().describe('Action lines it partners on'),
    responsibilities: z.number().int().describe('GDC commitments it is responsible for (any role)'),
    reason: z.string().describe('The counts in words'),
  })
  .meta({ id: 'EntityWorkload' });

export const gapsSchema = z
  .object({
    'commitments-without-action-line': z
      .array(gapItemSchema)
      .optional()
      .describe('GDC commitments no action line aligns with'),
    'commitments-without-responsible-entity': z
      .array(gapItemSchema)
      .optional()
      .describe('GDC commitments no entity is responsible for'),
    'action-lines-without-lead': z
      .array(gapItemSchema)
      .optional()
      .describe('Action lines and C7 sub-lines without a lead facilitator (C7 itself is represented by its sub-lines)'),
    'sdg-targets-without-support': z
      .array(gapItemSchema)
      .optional()
      .describe('SDG targets no action line supports directly'),
    'aligned-pairs-without-shared-entity': z
      .array(gapPairSchema)
      .optional()
      .describe(
        'Aligned (line, commitment) pairs where no entity both facilitates the line and is responsible for the commitment',
      ),
    'entity-workload': z
      .array(entityWorkloadSchema)
      .optional()
      .describe('Per entity, its roles (not a gap list), busiest first'),
    'commitments-without-activity': z
      .array(gapItemSchema)
      .optional()
      .describe('GDC commitments no implementation activity serves'),
    'activities-past-due': z
      .array(gapItemSchema)
      .optional()
      .describe(
        'Activities whose due period has ended (as of the day of the response) and that are not completed or cancelled',
      ),
    'entities-not-reported': z
      .array(gapItemSchema)
      .optional()
      .describe(
        'Per open reporting year, entities leading activities (not cancelled) that have no progress report for it; id "<entity>@<year>"',
      ),
  })
  .meta({ id: 'Gaps' });
export type Gaps = z.infer<typeof gapsSchema>;
export type GapItem = z.infer<typeof gapItemSchema>;
export type GapPair = z.infer<typeof gapPairSchema>;
export type EntityWorkload = z.infer<typeof entityWorkloadSchema>;

export const gapsResponseSchema = z.object({
  data: gapsSchema,
  meta: z.object({
    revision: z.number().int(),
    etag: etagSchema,
    counts: z
      .record(z.string(), z.number().int())
      .describe('Items of each kind in total (a page holds at most `limit` of them)'),
    limit: z.number().int(),
    offset: z.number().int(),
  }),
});

const share = (what: string) => z.number().min(0).max(1).describe(`${what} (0–1; 0 when there is nothing to cover)`);

export const coverageSchema = z
  .object({
    objectives: z.array(
      z.object({
        id: z.number().int().describe('GDC objective id (1–5)'),
        label: z.string(),
        commitments: z.number().int(),
        withActionLine: z.number().int(),
        withResponsibleEntity: z.number().int(),
        shareWithActionLine: share('Share of its commitments an action line aligns with'),
        shareWithResponsibleEntity: share('Share of its commitments with a responsible entity'),
      }),
    ),
    sdgs: z.array(
      z.object({
        id: z.number().int().describe('SDG id (1–17)'),
        label: z.string(),
        targets: z.number().int(),
        supported: z.number().int().describe('Targets at least one action line supports directly'),
        shareSupported: share('Share of its targets supported directly'),
      }),
    ),
    totals: z.object({
      commitments: z.number().int(),
      withActionLine: z.number().int(),
      withResponsibleEntity: z.number().int(),
      shareWithActionLine: share('Share of all commitments an action line aligns with'),
      shareWithResponsibleEntity: share('Share of all commitments with a responsible entity'),
      targets: z.number().int(),
      supportedTargets: z.number().int(),
      shareTargetsSupported: share('Share of all targets supported directly'),
      actionLines: z.number().int().describe('C1…C11 less C7, plus the C7 sub-lines'),
      actionLinesWithLead: z.number().int(),
      shareActionLinesWithLead: share('Share of those with a lead facilitator'),
    }),
  })
  .meta({ id: 'Coverage' });
export type Coverage = z.infer<typeof coverageSchema>;

export const coverageResponseSchema = z.object({
  data: coverageSchema,
  meta: revisionMetaSchema,
});
