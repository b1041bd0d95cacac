import { z } from 'zod';
import { booleanQuery, etagSchema, problemSchema } from './common.js';
import { linkStateSchema } from './link-edits.js';
import { reasonSchema } from './writes.js';

/** Bulk link imports: POST /v1/imports (CSV or JSON rows), its diff and its row errors. */

export const importJsonSchema = z
  .strictObject({
    rows: z
      .array(z.record(z.string(), z.unknown()))
      .min(1)
      .describe(
        'Rows {type, from, to, role?, status?, source?, rationale?, op?}; source is "document|locator|url" or {document, locator, url}',
      ),
    reason: reasonSchema.optional(),
  })
  .meta({
    id: 'ImportRequest',
    description:
      'The JSON form of an import (the CSV form has the header type,from,to,role,status,source,rationale,op)',
    example: {
      rows: [
        {
          type: 'FACILITATES',
          from: 'OHCHR',
          to: 'C10',
          role: 'co',
          status: 'proposed',
          source: 'WSIS+20 consultation summary|Human rights cluster|',
          rationale: 'Proposed co-facilitator',
        },
        { type: 'ALIGNS_WITH', from: 'C10', to: '11a', op: 'delete' },
      ],
      reason: 'Roadmap review, March 2026',
    },
  });

export const importBodySchema = z.union([z.string().describe('CSV text (Content-Type: text/csv)'), importJsonSchema]);

export const importQuery = z.strictObject({
  dryRun: booleanQuery.optional().describe('true: report the diff, write nothing'),
  reason: reasonSchema.optional(),
});

const importDiffRowSchema = z.object({
  row: z.number().int().describe('1 = the first data row (CSV: the line after the header)'),
  op: z.enum(['upsert', 'delete']),
  type: z.string(),
  from: z.string(),
  to: z.string(),
  before: linkStateSchema.nullable(),
  after: linkStateSchema.nullable(),
});

export const importErrorSchema = z.object({ row: z.number().int(), path: z.string(), message: z.string() });

/** The 422 of POST /v1/imports: a problem whose `errors` also name the row (0: the CSV header). */
export const importProblemSchema = problemSchema
  .extend({ errors: z.array(importErrorSchema) })
  .meta({ id: 'ImportProblem', description: 'RFC 9457 application/problem+json listing every row error' });

export const importResultSchema = z
  .object({
    dryRun: z.boolean(),
    revision: z.number().int().describe('Graph revision after the import (unchanged for a dry run or a no-op)'),
    etag: etagSchema.describe('That revision as an entity tag, e.g. "r42": send it back as If-Match'),
    summary: z.object({
      rows: z.number().int(),
      added: z.number().int(),
      changed: z.number().int(),
      removed: z.number().int(),
      unchanged: z.number().int(),
      errors: z.number().int(),
    }),
    added: z.array(importDiffRowSchema),
    changed: z.array(importDiffRowSchema),
    removed: z.array(importDiffRowSchema),
    unchanged: z.array(importDiffRowSchema),
    errors: z.array(importErrorSchema),
  })
  .meta({ id: 'ImportResult' });
