import { z } from 'zod';
import { entityKindSchema, membershipConfidenceSchema } from '../domain/enums.js';
import { entityIdSchema as entityId, newEntityIdSchema } from '../domain/ids.js';
import { sourceSchema } from './common.js';
import { exampleSource, reasonSchema, someFieldBesidesReason, sourceInputSchema, text } from './writes.js';

/** Adding and editing entities: POST /v1/entities, PATCH /v1/entities/{id}. */

export const entityIdSchema = entityId.describe('Entity id, e.g. ITU or "UN Women"');

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
