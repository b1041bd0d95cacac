import type { ColumnKey } from '../lib/i18n/column-labels/keys.js';
import { z } from 'zod';
import { anyLinkRoleSchema } from '../domain/enums.js';
import { linkEndLabels, linkTypesDescription, roadmapLinkTypes } from '../domain/links.js';
import { linkStatusSchema, sourceSchema } from './common.js';

/** The roadmap link types, from the link registry (structural PART_OF / UNDER / OF / MEASURES are not roadmap links). */
export const linkTypeSchema = z.enum(roadmapLinkTypes).meta({ id: 'LinkType', description: linkTypesDescription });

export const nodeKindSchema = z
  .enum(linkEndLabels)
  .meta({ id: 'NodeKind', description: 'Label of a node at either end of a roadmap link' });

/**
 * One roadmap link: exactly the row shape of cypher/links/list.cypher. `from`/`to` are node ids
 * as strings, also for an Sdg ("5"), because an end can be of several kinds.
 */
export const linkSchema = z
  .object({
    type: linkTypeSchema,
    from: z.string().describe('Id of the source node (an Entity, ActionLine or GdcCommitment)'),
    fromKind: nodeKindSchema,
    fromLabel: z.string().describe('Name or title of the source node'),
    to: z.string().describe('Id of the target node, as a string (an Sdg is "5")'),
    toKind: nodeKindSchema,
    toLabel: z.string().describe('Title of the target node'),
    role: anyLinkRoleSchema.nullable().describe('FACILITATES and RESPONSIBLE_FOR only; null otherwise'),
    status: linkStatusSchema,
    source: sourceSchema,
    rationale: z.string().nullable(),
    createdAt: z.string().describe('ISO 8601 timestamp'),
    createdBy: z.string().describe('Who created the link (seed, or an API key name)'),
  })
  .meta({
    id: 'Link',
    example: {
      type: 'FACILITATES',
      from: 'ITU',
      fromKind: 'Entity',
      fromLabel: 'International Telecommunication Union',
      to: 'C2',
      toKind: 'ActionLine',
      toLabel: 'Information and communication infrastructure',
      role: 'lead',
      status: 'endorsed',
      source: {
        document: 'ITU Contribution to the Implementation of the WSIS Outcomes (ITU)',
        locator: 'ITU: facilitator of C2, C5',
        url: 'https://itu-ilibrary.org/science-and-technology/itu-contribution-to-the-implementation-of-the-wsis-outcomes_pub/805043d0-en',
      },
      rationale: null,
      createdAt: '2025-12-18T00:00:00.000Z',
      createdBy: 'seed',
    },
  });
export type Link = z.infer<typeof linkSchema>;

/** CSV columns of /v1/links?format=csv, in order: the link with `source` flattened. */
export const linkCsvColumns = [
  'type',
  'from',
  'fromKind',
  'fromLabel',
  'to',
  'toKind',
  'toLabel',
  'role',
  'status',
  'sourceDocument',
  'sourceLocator',
  'sourceUrl',
  'rationale',
  'createdAt',
  'createdBy',
] as const satisfies readonly ColumnKey[];

/** One CSV row of a link (nulls become empty cells). */
export function linkCsvRow(link: Link): Record<(typeof linkCsvColumns)[number], string | null> {
  const { source, ...rest } = link;
  return {
    type: rest.type,
    from: rest.from,
    fromKind: rest.fromKind,
    fromLabel: rest.fromLabel,
    to: rest.to,
    toKind: rest.toKind,
    toLabel: rest.toLabel,
    role: rest.role,
    status: rest.status,
    sourceDocument: source.document,
    sourceLocator: source.locator,
    sourceUrl: source.url,
    rationale: rest.rationale,
    createdAt: rest.createdAt,
    createdBy: rest.createdBy,
  };
}
