import { z } from 'zod';
import type { LinkStatus } from '../domain/enums.js';
import { editableLinkKinds, type LinkKind, linkKindSpec, linkKinds } from '../domain/links.js';
import { linkStatusSchema, sourceSchema, writtenOf } from './common.js';
import { rationaleSchema, reasonSchema, sourceInputSchema, writeProblems } from './writes.js';

/** Writes of single links (PUT/DELETE below their owner's URL): bodies, the state answered, responses. */

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

/** Responses of a link PUT (assignments and mappings). */
export const linkPutResponses = {
  200: writtenOf(linkStateSchema).describe('Updated, or unchanged (idempotent: no new revision, no Change)'),
  201: writtenOf(linkStateSchema).describe('Created'),
  ...writeProblems,
};

/** Responses of a link DELETE (assignments and mappings). */
export const linkDeleteResponses = { 204: z.null().describe('Deleted; ETag is the new revision'), ...writeProblems };
