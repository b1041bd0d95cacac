import { z } from 'zod';
import { fromUrl, urlInteger } from '../domain/ids.js';
import { headersQuery } from '../lib/i18n/column-labels/keys.js';
import { langQuery } from '../lib/i18n/languages.js';
import { bomQuery, booleanQuery, etagSchema, linkStatusSchema, sourceSchema } from './common.js';
import { asOfQuery } from './versions.js';

/** What the rows of the matrix can be. */
export const matrixRowAxes = ['action-lines', 'gdc-commitments', 'gdc-objectives', 'entities'] as const;
/** What the columns of the matrix can be. */
export const matrixColAxes = [
  'gdc-commitments',
  'gdc-objectives',
  'sdgs',
  'sdg-targets',
  'entities',
  'action-lines',
] as const;
export type MatrixAxis = (typeof matrixColAxes)[number];

export const matrixQuerySchema = z
  .object({
    rows: z.enum(matrixRowAxes).default('action-lines').describe('What the rows are'),
    cols: z.enum(matrixColAxes).default('gdc-commitments').describe('What the columns are'),
    status: linkStatusSchema
      .optional()
      .describe(
        'Only links with this status (all links used: cells, roll-ups, hops, cell entities, the entity filter). Default: proposed and endorsed, never retired',
      ),
    objective: fromUrl(urlInteger({ min: 1, max: 5 }).optional()).describe(
      'GDC objective 1–5: narrows a gdc-commitments or gdc-objectives axis (400 when the pivot has neither)',
    ),
    goal: fromUrl(urlInteger({ min: 1, max: 17 }).optional()).describe(
      'SDG 1–17: narrows an sdgs or sdg-targets axis (400 when the pivot has neither)',
    ),
    entity: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe(
        'Entity id: narrows entities to it, action lines to those it facilitates, commitments to those it is responsible for, objectives to those holding such a commitment',
      ),
    derived: booleanQuery
      .default(false)
      .describe(
        'rows=action-lines&cols=sdgs only: add two-hop cells line → commitment → SDG (ALIGNS_WITH then CONTRIBUTES_TO), marked derived',
      ),
    layout: z
      .enum(['pivot', 'tidy'])
      .default('pivot')
      .describe(
        'CSV only: pivot (default; one line per row, a column per matrix column) or tidy (one line per link of every cell)',
      ),
    format: z
      .enum(['json', 'csv', 'xlsx'])
      .optional()
      .describe('json (default), csv or xlsx; Accept: text/csv or the xlsx media type work too'),
    ...asOfQuery.shape,
  })
  .extend(bomQuery.shape)
  .extend(headersQuery.shape)
  .extend(langQuery.shape)
  .strict();
export type MatrixQuery = z.infer<typeof matrixQuerySchema>;

export const matrixMemberSchema = z
  .object({ id: z.string(), label: z.string() })
  .meta({ id: 'MatrixMember', example: { id: 'C2', label: 'Information and communication infrastructure' } });

export const matrixLinkTypeSchema = z
  .enum(['ALIGNS_WITH', 'SUPPORTS', 'CONTRIBUTES_TO', 'FACILITATES', 'RESPONSIBLE_FOR', 'ALIGNS_WITH+CONTRIBUTES_TO'])
  .describe('The relationship type; ALIGNS_WITH+CONTRIBUTES_TO is a derived two-hop path');

export const matrixCellLinkSchema = z
  .object({
    type: matrixLinkTypeSchema,
    status: linkStatusSchema.describe('For a derived path: the weakest status of its two hops'),
    role: z
      .string()
      .nullable()
      .describe('FACILITATES: lead|co|partner; RESPONSIBLE_FOR: lead|co|contributor; else null'),
    via: z
      .string()
      .nullable()
      .describe(
        'Rolled-up or derived links: the node in between (the commitment for objective roll-ups and derived paths, the target for goal roll-ups); null for a direct link',
      ),
    source: sourceSchema.describe("The link's source (for a derived path: the ALIGNS_WITH hop's)"),
    derived: z.boolean(),
  })
  .meta({ id: 'MatrixCellLink' });

export const matrixCellEntitySchema = z
  .object({
    id: z.string(),
    role: z
      .string()
      .describe(
        "The entity's role on the action line (facilitation) or, without a line, on the commitment (responsibility)",
      ),
    commitmentRole: z
      .string()
      .optional()
      .describe("Line × commitment cells: the entity's responsibility role on the commitment"),
  })
  .meta({ id: 'MatrixCellEntity' });

export const matrixCellSchema = z
  .object({
    row: z.string(),
    column: z.string(),
    links: z.array(matrixCellLinkSchema),
    entities: z.array(matrixCellEntitySchema).describe('Who is responsible in this cell (see the route description)'),
  })
  .meta({ id: 'MatrixCell' });

export const matrixSchema = z
  .object({
    rows: z.array(matrixMemberSchema),
    columns: z.array(matrixMemberSchema),
    cells: z.array(matrixCellSchema).describe('Sparse: only where at least one link joins the row and the column'),
  })
  .meta({
    id: 'Matrix',
    example: {
      rows: [{ id: 'C2', label: 'Information and communication infrastructure' }],
      columns: [{ id: '11a', label: '11(a) Connect all people to the Internet' }],
      cells: [
        {
          row: 'C2',
          column: '11a',
          links: [
            {
              type: 'ALIGNS_WITH',
              status: 'proposed',
              role: null,
              via: null,
              source: { document: "Switzerland's proposals for the WSIS+20 zero draft", locator: '¶1–2', url: null },
              derived: false,
            },
          ],
          entities: [],
        },
      ],
    },
  });
export type Matrix = z.infer<typeof matrixSchema>;
export type MatrixCell = z.infer<typeof matrixCellSchema>;
export type MatrixCellLink = z.infer<typeof matrixCellLinkSchema>;
export type MatrixCellEntity = z.infer<typeof matrixCellEntitySchema>;
export type MatrixMember = z.infer<typeof matrixMemberSchema>;

export const matrixResponseSchema = z.object({
  data: matrixSchema,
  meta: z.object({
    rows: z.enum(matrixRowAxes),
    cols: z.enum(matrixColAxes),
    revision: z.number().int().describe('Graph revision the matrix was computed at (also in the ETag)'),
    etag: etagSchema,
    status: z.array(linkStatusSchema).describe('Link statuses the matrix was computed from'),
    derived: z.boolean(),
  }),
});
