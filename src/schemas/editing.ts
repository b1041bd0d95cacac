import { z } from 'zod';
import { confidenceSchema, entityKindSchema, membershipConfidenceSchema } from '../domain/enums.js';
import {
  entityIdSchema as entityId,
  fromUrl,
  gdcCommitmentIdSchema,
  gdcSectionIdSchema,
  newEntityIdSchema,
  urlInteger,
} from '../domain/ids.js';
import { editableLinkKinds, type LinkKind, linkKindSpec, linkKinds } from '../domain/links.js';
import type { LinkStatus } from '../domain/enums.js';
import { roleSchema } from '../lib/roles.js';
import {
  booleanQuery,
  etagSchema,
  linkStatusSchema,
  paginationQuery,
  problemResponses,
  problemSchema,
  sourceSchema,
  writtenOf,
} from './common.js';

/** Schemas of the editing API: keys, link writes, entity/commitment edits, the change log, imports. */

// ---- shared pieces ----

/**
 * Text that is trimmed and must not be blank. The `\S` pattern puts "not blank" in the OpenAPI document:
 * minLength alone would let a client believe that "\n" is a valid value.
 */
const text = (max: number) => z.string().trim().min(1).max(max).regex(/\S/, 'must not be blank');

export const entityIdSchema = entityId.describe('Entity id, e.g. ITU or "UN Women"');
export const commitmentIdSchema = gdcCommitmentIdSchema.describe(
  'GDC commitment id: paragraph number with an optional letter, e.g. 11a',
);

const reasonSchema = text(1000).describe('Why: recorded in the change log');
const rationaleSchema = text(2000).nullable().describe('Why the link holds; null clears it');

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
// ---- the caller ----

export const callerSchema = z
  .object({
    name: z.string().describe('Name of the API key (the actor recorded in the change log)'),
    role: roleSchema,
  })
  .meta({ id: 'Caller', description: 'The API key presented with the request' });

// ---- links ----

const editableLinkTypes = [...new Set(editableLinkKinds.map((k) => linkKinds[k].type))] as [string, ...string[]];

export const linkStateSchema = z
  .object({
    type: z.enum(editableLinkTypes),
    from: z.string().describe('Entity id (FACILITATES, RESPONSIBLE_FOR) or action line id'),
    to: z.string().describe('Action line, GDC commitment, SDG target or goal id'),
    role: z
      .string()
      .nullable()
      .describe('lead|co|partner (FACILITATES), lead|co|contributor (RESPONSIBLE_FOR), else null'),
    status: linkStatusSchema,
    rationale: z.string().nullable(),
    source: sourceSchema.nullable(),
    createdAt: z.string().nullable(),
    createdBy: z.string().nullable().describe('Name of the API key that created the link (null for seeded links)'),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'LinkState', description: 'A roadmap link after a write' });

const exampleSource = {
  document: 'UNGIS joint implementation roadmap, working draft',
  locator: 'Annex I, row C10',
  url: 'https://www.itu.int/net4/wsis/ungis/',
};

/** What every link PUT body may carry (role and replaceLead only where the kind has them). */
export interface LinkPutBody {
  role?: string;
  status?: LinkStatus;
  source?: z.infer<typeof sourceInputSchema>;
  rationale?: string | null;
  reason?: string;
  replaceLead?: boolean;
}

const linkPutBodies = new Map<string, z.ZodType<LinkPutBody>>();

/** The PUT body of a link kind, from its registry entry; kinds that share a body name share one schema. */
export function linkPutBody(kind: LinkKind): z.ZodType<LinkPutBody> {
  const spec = linkKindSpec(kind);
  const body = spec.resource!.body;
  let schema = linkPutBodies.get(body.id);
  if (!schema) {
    schema = z
      .strictObject({
        ...(spec.roles ? { role: spec.roles } : {}),
        status: linkStatusSchema.optional().describe('Default for a new link: proposed'),
        source: sourceInputSchema.optional().describe('Required when the link is new'),
        rationale: rationaleSchema.optional(),
        reason: reasonSchema.optional(),
        ...(spec.oneLead
          ? {
              replaceLead: z
                .boolean()
                .optional()
                .describe('With role lead: demote the current lead to co in the same write instead of answering 409'),
            }
          : {}),
      })
      .meta({ id: body.id, example: body.example }) as z.ZodType<LinkPutBody>;
    linkPutBodies.set(body.id, schema);
  }
  return schema;
}

// ---- entities and commitments ----

export const editedEntitySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    ungisMember: z.boolean(),
    verified: z.boolean(),
    membershipConfidence: z.string().nullable(),
    source: sourceSchema.nullable(),
  })
  .meta({ id: 'EditedEntity', description: 'An entity after a write' });

export const entityCreateSchema = z
  .strictObject({
    id: newEntityIdSchema,
    name: text(300),
    kind: entityKindSchema,
    ungisMember: z.boolean(),
    verified: z.boolean().optional().describe('Default false'),
    membershipConfidence: membershipConfidenceSchema.optional().describe('Default unverified'),
    source: sourceInputSchema,
    reason: reasonSchema.optional(),
  })
  .meta({
    id: 'EntityCreate',
    example: {
      id: 'UNU',
      name: 'United Nations University',
      kind: 'other-un',
      ungisMember: false,
      source: exampleSource,
      reason: 'Candidate member',
    },
  });

/** OpenAPI form of the PATCH rule "send at least one field to change" (the zod refine is the check). */
const someFieldBesidesReason = (fields: string[]) => fields.map((field) => ({ required: [field] }));

export const entityPatchSchema = z
  .strictObject({
    name: text(300).optional(),
    kind: entityKindSchema.optional(),
    ungisMember: z.boolean().optional(),
    verified: z.boolean().optional(),
    membershipConfidence: membershipConfidenceSchema.optional(),
    source: sourceInputSchema.optional(),
    reason: reasonSchema.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'reason'), 'send at least one field to change')
  .meta({
    id: 'EntityPatch',
    anyOf: someFieldBesidesReason(['name', 'kind', 'ungisMember', 'verified', 'membershipConfidence', 'source']),
    example: { ungisMember: true, verified: true, reason: 'Joined UNGIS' },
  });

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

// API key schemas: src/schemas/api-keys.ts

// ---- change log ----

export const changeSchema = z
  .object({
    id: z.string(),
    at: z.string().describe('ISO time of the write'),
    actor: z.string().describe('Name of the API key that made the change'),
    role: z.string().describe('Its role at the time'),
    action: z.string().describe('e.g. facilitator.put, alignment.delete, entity.update, import'),
    target: z.string().describe('Resource path below /v1, e.g. action-lines/C2/facilitators/ITU'),
    before: z.unknown().describe('State before (null when created)'),
    after: z.unknown().describe('State after (null when deleted)'),
    reason: z.string().nullable(),
    revision: z.number().int().describe('Graph revision the write produced'),
  })
  .meta({ id: 'Change', description: 'One entry of the append-only change log' });

/** One Server-Sent Event of GET /v1/changes/stream (comment heartbeats and `retry:` lines aside). */
export const changeEventSchema = z
  .object({
    id: z
      .string()
      .regex(/^\d+\.\d+$/)
      .describe(
        '`<revision>.<seq>`: the revision the change produced and its place in that write; unique and ordered (send it back as Last-Event-ID)',
      ),
    event: z.literal('change'),
    data: z.string().describe('The Change, as JSON'),
  })
  .meta({ id: 'ChangeEvent', description: 'One `change` event of the text/event-stream' });

export const changesQuery = paginationQuery
  .extend({
    since: fromUrl(urlInteger({ min: 0 }).optional()).describe('Only changes with revision > since'),
    actor: z.string().min(1).max(100).optional().describe('Only changes by this key name'),
    target: z.string().min(1).max(300).optional().describe('Only changes to this resource path or below it'),
  })
  .strict();

/** An SSE event id as the stream sends it ("<revision>.<seq>"), or a bare revision. */
export const eventIdPattern = /^\d{1,15}(\.\d{1,9})?$/;

export const changeStreamQuery = z.strictObject({
  since: fromUrl(urlInteger({ min: 0 }).optional()).describe('Resume after this revision (all of it seen)'),
  lastEventId: z
    .string()
    .regex(eventIdPattern, 'must be an event id "<revision>.<seq>" or a revision')
    .optional()
    .describe(
      'Resume after this event, like the Last-Event-ID header; for a browser opening a new EventSource with a new ticket',
    ),
  ticket: z
    .string()
    .regex(/^st_[\w-]{43}$/, 'must be a stream ticket from POST /v1/changes/stream-tickets')
    .optional()
    .describe(
      'Single-use stream ticket from POST /v1/changes/stream-tickets, for clients that cannot send Authorization (EventSource)',
    ),
});

export const streamTicketSchema = z
  .object({
    ticket: z.string().describe('Opens one stream: GET /v1/changes/stream?ticket=<ticket>'),
    expiresAt: z.string().describe('The ticket must be used before this time (ISO 8601)'),
    streamUrl: z.string().describe('Path of the stream with the ticket, ready for new EventSource(...)'),
  })
  .meta({ id: 'StreamTicket' });

// ---- imports ----

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

/** Problem responses every write documents besides 400/401/403/404/503. */
export const writeProblems = {
  ...problemResponses,
  412: problemSchema.describe(
    'If-Match does not match the current revision (problem+json; the current ETag is in the ETag header and `currentEtag`)',
  ),
  413: problemSchema.describe('Body larger than BODY_LIMIT_BYTES (problem+json)'),
} as const;

/** Responses of a link PUT (assignments and mappings). */
export const linkPutResponses = {
  200: writtenOf(linkStateSchema).describe('Updated, or unchanged (idempotent: no new revision, no Change)'),
  201: writtenOf(linkStateSchema).describe('Created'),
  ...writeProblems,
};

/** Responses of a link DELETE (assignments and mappings). */
export const linkDeleteResponses = { 204: z.null().describe('Deleted; ETag is the new revision'), ...writeProblems };
