import { z } from 'zod';
import { problemResponses, problemSchema } from './common.js';

/** What every write shares: text rules, the reason, the provenance sent, If-Match, the problems a write documents. */

/**
 * Text that is trimmed and must not be blank. The `\S` pattern puts "not blank" in the OpenAPI document:
 * minLength alone would let a client believe that "\n" is a valid value.
 */
export const text = (max: number) => z.string().trim().min(1).max(max).regex(/\S/, 'must not be blank');

export const reasonSchema = text(1000).describe('Why: recorded in the change log');
export const rationaleSchema = text(2000).nullable().describe('Why the link holds; null clears it');

/** Provenance sent with a write: required for a new link, kept when omitted on an update. */
export const sourceInputSchema = z
  .strictObject({
    document: text(500).describe('Official document, decision or meeting'),
    locator: text(500).describe('Paragraph, section, row or minute in it'),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .optional()
      .describe('Where to read it, when known'),
  })
  .meta({ id: 'LinkSource' });

export const ifMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .optional()
    .describe('ETag read earlier ("r42"): the write fails with 412 if the roadmap changed since'),
});

export const reasonQuery = z.strictObject({ reason: reasonSchema.optional() });

/** The body a DELETE may carry: only the reason (the same as `?reason=`; send one or the other). */
export const reasonBody = z
  .strictObject({ reason: reasonSchema.optional() })
  .nullish()
  .meta({
    id: 'DeleteReason',
    description: 'Why the link is removed: recorded in the change log',
    example: { reason: 'Roadmap review' },
  });

/** The provenance the write examples show. */
export const exampleSource = {
  document: 'UNGIS joint implementation roadmap, working draft',
  locator: 'Annex I, row C10',
  url: 'https://www.itu.int/net4/wsis/ungis/',
};

/** OpenAPI form of the PATCH rule "send at least one field to change" (the zod refine is the check). */
export const someFieldBesidesReason = (fields: string[]) => fields.map((field) => ({ required: [field] }));

/** Problem responses every write documents besides 400/401/403/404/503. */
export const writeProblems = {
  ...problemResponses,
  412: problemSchema.describe(
    'If-Match does not match the current revision (problem+json; the current ETag is in the ETag header and `currentEtag`)',
  ),
  413: problemSchema.describe('Body larger than BODY_LIMIT_BYTES (problem+json)'),
} as const;
