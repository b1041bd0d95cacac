import { z } from 'zod';
import { confidenceSchema } from '../domain/enums.js';
import { gdcSectionIdSchema } from '../domain/ids.js';
import { paginationQuery, problemSchema, sourceSchema } from './common.js';
import { commitmentIdSchema } from './commitment-edits.js';
import { entityIdSchema } from './entity-edits.js';
import { reasonSchema, sourceInputSchema, text } from './writes.js';

/** Schemas of reference curation: commitments and entities created, retired, renumbered, merged, verified. */

const requiredReason = text(1000).describe('Why: required, recorded with the retirement in the change log');

export const paragraphSchema = z.int().min(1).max(99).describe('Paragraph of annex I to A/RES/79/1');
export const letterSchema = z
  .string()
  .regex(/^[a-z]$/, 'must be one lower-case letter')
  .nullable()
  .describe('Sub-paragraph letter, null when the paragraph has none');
export const objectiveSchema = z.int().min(1).max(5).describe('GDC objective (1–5)');
export const sectionSchema = gdcSectionIdSchema;
export const summarySchema = text(300).regex(/^\s*\S+(?:\s+\S+){0,19}\s*$/, 'must be at most 20 words');
export const sdgListSchema = z
  .array(z.int().min(1).max(17))
  .max(17)
  .refine((l) => new Set(l).size === l.length, 'each SDG once')
  .describe('The SDGs the paragraph cites (goal numbers)');

export const commitmentCreateSchema = z
  .strictObject({
    paragraph: paragraphSchema,
    letter: letterSchema,
    objective: objectiveSchema,
    section: sectionSchema,
    sectionTitle: text(200),
    summary: summarySchema.describe('Our summary of the text, at most 20 words'),
    sdgs: sdgListSchema,
    verified: z.boolean().optional().describe('Default false; prefer POST /v1/verifications, which records the check'),
    confidence: confidenceSchema.optional().describe('Default low'),
    source: sourceInputSchema,
    reason: reasonSchema.optional(),
  })
  .meta({
    id: 'CommitmentCreate',
    example: {
      paragraph: 31,
      letter: 'f',
      objective: 3,
      section: 's6',
      sectionTitle: 'Human rights',
      summary: 'Example summary of a commitment, at most twenty words.',
      sdgs: [16],
      source: {
        document: 'Global Digital Compact, annex I to A/RES/79/1',
        locator: 'para 31(f)',
        url: 'https://docs.un.org/A/RES/79/1',
      },
      reason: 'Missing from the seed',
    },
  });

export const curatedCommitmentSchema = z
  .object({
    id: z.string(),
    label: z.string().nullable(),
    paragraph: z.number().int().nullable(),
    letter: z.string().nullable(),
    objective: z.number().int().nullable(),
    section: z.string().nullable(),
    sectionTitle: z.string().nullable(),
    summary: z.string().nullable(),
    sdgs: z.array(z.number().int()),
    verified: z.boolean(),
    confidence: z.string().nullable(),
    source: sourceSchema.nullable(),
    status: z.enum(['active', 'retired']),
    replacedBy: z.string().nullable().describe('Renumbered: the id it answers under now'),
    retiredAt: z.string().nullable(),
    retiredReason: z.string().nullable(),
    curatedAt: z.string().nullable(),
    curatedBy: z.string().nullable(),
  })
  .meta({ id: 'CuratedCommitment', description: 'A GDC commitment as curation sees it (live or retired)' });

export const curatedEntitySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    ungisMember: z.boolean(),
    verified: z.boolean(),
    membershipConfidence: z.string().nullable(),
    source: sourceSchema.nullable(),
    status: z.enum(['active', 'retired']),
    mergedInto: z.string().nullable().describe('Merged: the surviving entity'),
    retiredAt: z.string().nullable(),
    retiredReason: z.string().nullable(),
    curatedAt: z.string().nullable(),
    curatedBy: z.string().nullable(),
  })
  .meta({ id: 'CuratedEntity', description: 'An entity as curation sees it (live or retired)' });

export const retireSchema = z.strictObject({ reason: requiredReason }).meta({
  id: 'Retirement',
  example: { reason: 'Not in the official text of A/RES/79/1' },
});

export const renumberSchema = z
  .strictObject({
    paragraph: paragraphSchema,
    letter: letterSchema,
    reason: requiredReason,
  })
  .meta({
    id: 'Renumbering',
    description: 'The corrected paragraph and letter; the id changes to match and every link moves with it',
    example: { paragraph: 12, letter: 'a', reason: 'Paragraph checked against A/RES/79/1' },
  });

export const mergeSchema = z
  .strictObject({
    into: entityIdSchema.describe('The surviving entity: every link moves to it'),
    reason: requiredReason,
  })
  .meta({ id: 'EntityMerge', example: { into: 'UNDESA', reason: 'DESA and UNDESA are the same body' } });

export const mergedLinkSchema = z.object({
  type: z.enum(['FACILITATES', 'RESPONSIBLE_FOR']),
  to: z.string(),
  outcome: z.enum(['moved', 'merged-won', 'survivor-won']),
  role: z.string().nullable(),
  status: z.string().nullable(),
});

export const mergeResultSchema = z
  .object({
    merged: curatedEntitySchema,
    survivor: curatedEntitySchema,
    links: z.array(mergedLinkSchema).describe('Every link of the merged entity and what became of it'),
  })
  .meta({ id: 'EntityMergeResult' });

export const commitmentIdParams = z.object({ id: commitmentIdSchema });
export const entityIdParams = z.object({ id: entityIdSchema });

// ---- verification ----

export const verificationCreateSchema = z
  .strictObject({
    target: z
      .string()
      .min(1)
      .max(300)
      .describe(
        'What was checked, as its path below /v1: gdc/commitments/{id}, entities/{id}, ' +
          'action-lines/{line}/facilitators/{entity}, gdc/commitments/{id}/responsible/{entity}, ' +
          'action-lines/{line}/commitments/{id}, action-lines/{line}/sdg-targets/{target}, ' +
          'action-lines/{line}/sdgs/{goal}, links/CONTRIBUTES_TO/{id}/{goal}',
      ),
    document: text(500).describe('The document checked against, e.g. A/RES/79/1'),
    locator: text(500).describe('Where in it, e.g. para 11(a)'),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .optional(),
    note: text(2000).optional().describe('What was checked, what differed'),
    confidence: confidenceSchema
      .optional()
      .describe('Also set the confidence of a commitment or link (entities: ignored; use membershipConfidence)'),
  })
  .meta({
    id: 'VerificationCreate',
    example: {
      target: 'gdc/commitments/11a',
      document: 'Global Digital Compact, annex I to A/RES/79/1',
      locator: 'para 11(a)',
      url: 'https://docs.un.org/A/RES/79/1',
      confidence: 'high',
    },
  });

export const verificationSchema = z
  .object({
    id: z.string(),
    target: z.string(),
    at: z.string(),
    by: z.string().describe('Name of the API key that recorded the check'),
    document: z.string(),
    locator: z.string(),
    url: z.string().nullable(),
    note: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
    revokeReason: z.string().nullable(),
  })
  .meta({ id: 'Verification', description: 'One check of an element against a document (kept when revoked)' });

export const verificationRevokeSchema = z.strictObject({ reason: requiredReason }).meta({
  id: 'VerificationRevoke',
  example: { reason: 'The locator points at the zero draft, not the adopted text' },
});

export const verificationsQuery = z
  .object({
    target: z.string().min(1).max(300).optional(),
    active: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe('true: unrevoked only; false: revoked only'),
    ...paginationQuery.shape,
  })
  .strict();

// ---- quality ----

const countsSchema = z.object({
  total: z.number().int(),
  unverified: z.number().int(),
  lowConfidence: z.number().int(),
});
const linkRefSchema = z.object({
  type: z.string(),
  from: z.string(),
  to: z.string(),
  confidence: z.string().nullable(),
});

export const qualitySchema = z
  .object({
    revision: z.number().int(),
    commitments: countsSchema.extend({
      withoutParagraph: z.number().int(),
      withoutSdgs: z.number().int(),
      retired: z.number().int(),
      lists: z.object({
        unverified: z.array(z.string()),
        lowConfidence: z.array(z.string()),
        withoutParagraph: z.array(z.string()),
        withoutSdgs: z.array(z.string()),
      }),
    }),
    entities: countsSchema.extend({
      unverifiedLeading: z.number().int().describe('Unverified entities that hold a lead role'),
      retired: z.number().int(),
      lists: z.object({
        unverified: z.array(z.string()),
        lowConfidence: z.array(z.string()).describe('membershipConfidence low or unverified'),
        unverifiedLeading: z.array(z.object({ id: z.string(), leads: z.array(z.string()) })),
      }),
    }),
    links: countsSchema.extend({
      lists: z.object({ unverified: z.array(linkRefSchema), lowConfidence: z.array(linkRefSchema) }),
    }),
    history: z
      .array(
        z.object({
          revision: z.number().int(),
          at: z.string().nullable(),
          commitments: countsSchema,
          entities: countsSchema,
        }),
      )
      .describe(
        'Commitment and entity counts after each revision that changed one, newest first, back to the last seed load',
      ),
  })
  .meta({ id: 'Quality', description: 'What of the reference is still unverified or weak' });

export const qualityQuery = z
  .object({ format: z.enum(['json', 'csv']).optional().describe('json (default) or csv; Accept: text/csv works too') })
  .strict();

/** The answers of an item read whose id curation retired (GET /v1/gdc/commitments/{id}, /v1/entities/{id}). */
export const tombstoneResponses = (kind: 'commitment' | 'entity') =>
  ({
    301: problemSchema.describe(
      kind === 'commitment'
        ? 'Renumbered: Location (and `replacedBy`) name the id it answers under now (problem+json)'
        : 'Merged: Location (and `mergedInto`) name the surviving entity (problem+json)',
    ),
    410: problemSchema.describe('Retired: the problem names when and why'),
  }) as const;

// ---- reference import ----

export const referenceImportBodySchema = z.union([
  z.string().describe('CSV text (Content-Type: text/csv)'),
  z
    .strictObject({
      rows: z.array(z.record(z.string(), z.unknown())).min(1).describe('One object per record, keys as the CSV header'),
      reason: text(1000).optional(),
    })
    .meta({
      id: 'ReferenceImportRequest',
      example: {
        rows: [
          {
            paragraph: 11,
            letter: 'a',
            sdgs: [9],
            verified: true,
            confidence: 'high',
            source: 'Global Digital Compact, annex I to A/RES/79/1|para 11(a)|https://docs.un.org/A/RES/79/1',
          },
          { id: '13h', op: 'retire' },
        ],
        reason: 'Objective 1 checked against A/RES/79/1',
      },
    }),
]);

const referenceDiffRowSchema = z.object({
  row: z.number().int(),
  op: z.enum(['upsert', 'retire']),
  id: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
const rowErrorSchema = z.object({ row: z.number().int(), path: z.string(), message: z.string() });

export const referenceImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    revision: z.number().int(),
    summary: z.object({
      rows: z.number().int(),
      added: z.number().int(),
      changed: z.number().int(),
      removed: z.number().int().describe('Retired'),
      unchanged: z.number().int(),
      errors: z.number().int(),
    }),
    added: z.array(referenceDiffRowSchema),
    changed: z.array(referenceDiffRowSchema),
    removed: z.array(referenceDiffRowSchema),
    unchanged: z.array(referenceDiffRowSchema),
    errors: z.array(rowErrorSchema),
  })
  .meta({ id: 'ReferenceImportResult' });
