import { z } from 'zod';
import { confidenceSchema } from '../domain/enums.js';
import { gdcCommitmentIdSchema, gdcSectionIdSchema } from '../domain/ids.js';
import { sourceSchema } from './common.js';
import { reasonSchema, someFieldBesidesReason, sourceInputSchema, text } from './writes.js';

/** Editing GDC commitments: PATCH /v1/gdc/commitments/{id}. */

export const commitmentIdSchema = gdcCommitmentIdSchema.describe(
  'GDC commitment id: paragraph number with an optional letter, e.g. 11a',
);

export const editedCommitmentSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    section: z.string().nullable(),
    sectionTitle: z.string().nullable(),
    summary: z.string().nullable(),
    verified: z.boolean().nullable(),
    confidence: z.string().nullable(),
    source: sourceSchema.nullable(),
  })
  .meta({ id: 'EditedCommitment', description: 'A GDC commitment after a write' });

export const commitmentPatchSchema = z
  .strictObject({
    summary: text(300)
      // A pattern rather than a refine, so the document states the rule: 1–20 words.
      .regex(/^\s*\S+(?:\s+\S+){0,19}\s*$/, 'must be at most 20 words')
      .optional(),
    section: gdcSectionIdSchema.optional(),
    sectionTitle: text(200).optional(),
    verified: z.boolean().optional(),
    confidence: confidenceSchema.optional(),
    source: sourceInputSchema.optional(),
    reason: reasonSchema.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'reason'), 'send at least one field to change')
  .meta({
    id: 'CommitmentPatch',
    anyOf: someFieldBesidesReason(['summary', 'section', 'sectionTitle', 'verified', 'confidence', 'source']),
    example: { verified: true, reason: 'Checked against A/RES/79/1' },
  });
