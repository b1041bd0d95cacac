import { z } from 'zod';
import { fromUrl, urlInteger } from '../domain/ids.js';
import { roadmapLinkTypes } from '../domain/links.js';
import { linkStateSchema } from './link-edits.js';

/** Version ids are assigned by the API: v1, v2, … in the order they were named. */
export const versionIdSchema = z
  .string()
  .regex(/^v[1-9]\d{0,8}$/, 'must be a version id such as v1')
  .describe('Version id, e.g. v1');

/**
 * `?version=` / `?revision=` on a roadmap read: answer as the roadmap stood then (same body, same
 * ETag as a read made at the time). Without either: now.
 */
export const asOfQuery = z.object({
  version: versionIdSchema
    .optional()
    .describe('Answer as the roadmap stood at this named version (e.g. v1); not together with `revision`'),
  revision: fromUrl(urlInteger({ min: 0, max: 2 ** 31 - 1 }).optional()).describe(
    'Answer as the roadmap stood at this graph revision (the number in an ETag "r42"); not with `version`',
  ),
});

export const endorsementSchema = z
  .strictObject({
    body: z.string().trim().min(1).max(300).describe('Who endorsed it, e.g. "CSTD, 29th session (special session)"'),
    date: z.iso.date().describe('Date of the endorsement, YYYY-MM-DD'),
    documentRef: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .describe('The decision or report that records it, e.g. a UN document symbol'),
  })
  .meta({
    id: 'Endorsement',
    example: { body: 'CSTD, 29th session (special session)', date: '2026-04-20', documentRef: 'E/CN.16/2026/L.1' },
  });

export const versionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    revision: z.number().int().describe('The graph revision this version names'),
    createdAt: z.string(),
    createdBy: z.string(),
    endorsement: endorsementSchema
      .extend({ recordedAt: z.string(), recordedBy: z.string() })
      .nullable()
      .describe('Recorded once, never changed'),
  })
  .meta({
    id: 'Version',
    example: {
      id: 'v1',
      name: 'CSTD-29 draft',
      description: 'Draft presented to the CSTD 29th session',
      revision: 42,
      createdAt: '2026-03-01T09:00:00.000Z',
      createdBy: 'ungis-secretariat',
      endorsement: null,
    },
  });
export type Version = z.infer<typeof versionSchema>;

export const versionCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120).describe('Unique, e.g. "CSTD-29 draft"'),
    description: z.string().trim().max(2000).optional(),
    revision: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('The revision to name; default: the current one (the state the caller sees)'),
  })
  .meta({
    id: 'VersionCreate',
    example: { name: 'CSTD-29 draft', description: 'Draft presented to the CSTD 29th session' },
  });

const endSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^(v[1-9]\d{0,8}|\d{1,10})$/, 'must be a version id (v1) or a revision number');

export const diffQuerySchema = z.strictObject({
  from: endSchema.describe('Version id (v1) or revision number: the earlier state'),
  to: endSchema.optional().describe('Version id or revision number: the later state; default now'),
  format: z.enum(['json', 'csv', 'xlsx']).optional().describe('json (default), csv or xlsx; Accept works too'),
});

const fieldChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
const linkEndsSchema = z.object({ type: z.string(), from: z.string(), to: z.string() });
/** A link in the diff: curation also adds and retires the read-only kinds (a commitment's cited SDGs). */
const diffLinkSchema = linkStateSchema.extend({ type: z.enum(roadmapLinkTypes) });

export const diffSchema = z
  .object({
    from: z.object({ revision: z.number().int(), version: z.string().nullable() }),
    to: z.object({ revision: z.number().int(), version: z.string().nullable() }),
    links: z.object({
      added: z.array(linkEndsSchema.extend({ link: diffLinkSchema })),
      removed: z.array(linkEndsSchema.extend({ link: diffLinkSchema })),
      changed: z.array(linkEndsSchema.extend({ changes: z.array(fieldChangeSchema) })),
    }),
    nodes: z.object({
      added: z.array(z.object({ kind: z.string(), id: z.string(), properties: z.record(z.string(), z.unknown()) })),
      changed: z.array(z.object({ kind: z.string(), id: z.string(), changes: z.array(fieldChangeSchema) })),
    }),
  })
  .meta({
    id: 'RoadmapDiff',
    description:
      'Net difference between two states: links added, removed, changed (status, role, source, rationale) and node properties changed',
    example: {
      from: { revision: 42, version: 'v1' },
      to: { revision: 45, version: null },
      links: {
        added: [],
        removed: [],
        changed: [
          {
            type: 'FACILITATES',
            from: 'ITU',
            to: 'C2',
            changes: [{ field: 'status', before: 'proposed', after: 'endorsed' }],
          },
        ],
      },
      nodes: {
        added: [],
        changed: [{ kind: 'entity', id: 'ITU', changes: [{ field: 'verified', before: false, after: true }] }],
      },
    },
  });
