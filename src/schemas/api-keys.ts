import { z } from 'zod';
import { securityEventTypes } from '../db/security-log.js';
import { entityIdSchema } from '../domain/ids.js';
import { roleSchema } from '../lib/roles.js';
import { paginationQuery } from './common.js';

/** API keys and the security log: admin-only, outside the roadmap (no revision, no change log). */

const instant = z.string().describe('ISO 8601 time (UTC)');

export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: roleSchema,
    entity: z
      .string()
      .nullable()
      .describe("A focal-point key's entity: it writes only that entity's activities and progress (null: not limited)"),
    createdAt: instant,
    expiresAt: instant.nullable().describe('When the key stops working (null: never)'),
    lastUsedAt: instant
      .nullable()
      .describe('When the key last authenticated a request, to about a minute (null: never used)'),
    revokedAt: instant.nullable(),
    replacedBy: z.string().nullable().describe('The successor of a rotated key'),
  })
  .meta({ id: 'ApiKey', description: 'An API key (never its hash or the key itself)' });

const futureTime = z.iso
  .datetime({ offset: true })
  .describe('When the key stops working (ISO 8601 with offset, in the future); absent: never');

export const apiKeyCreateSchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[\w .@:-]+$/, 'letters, digits, spaces and _ . @ : - only')
      .regex(/\S/, 'must not be blank')
      .describe('Who uses the key: recorded as the actor of every change made with it'),
    role: roleSchema,
    entity: entityIdSchema
      .optional()
      .describe(
        "A focal-point key: limited to this entity's activities and their progress (role editor); any other write is 403",
      ),
    expiresAt: futureTime.optional(),
  })
  .meta({ id: 'ApiKeyCreate', example: { name: 'ungis-secretariat', role: 'editor' } });

export const apiKeyCreatedSchema = z
  .object({
    id: z.string(),
    key: z.string().describe('Shown only in this response'),
    name: z.string(),
    role: roleSchema,
    entity: z
      .string()
      .nullable()
      .describe("A focal-point key's entity: it writes only that entity's activities and progress (null: not limited)"),
    createdAt: instant,
    expiresAt: instant.nullable(),
  })
  .meta({ id: 'ApiKeyCreated' });

export const apiKeyRotateSchema = z
  .strictObject({
    graceSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .optional()
      .describe('How long the old key keeps working (default: KEY_ROTATION_GRACE_SECONDS; 0 = stops at once)'),
    expiresAt: futureTime.optional().describe('Expiry of the new key; absent: never'),
  })
  .meta({ id: 'ApiKeyRotate', example: { graceSeconds: 3600 } });

export const apiKeyRotatedSchema = apiKeyCreatedSchema
  .extend({
    replaces: z.object({ id: z.string(), validUntil: instant.describe('End of the old key’s grace period') }),
  })
  .meta({ id: 'ApiKeyRotated' });

export const apiKeyPatchSchema = z
  .strictObject({ role: roleSchema })
  .meta({ id: 'ApiKeyPatch', example: { role: 'viewer' } });

export const apiKeyIdParams = z.object({ id: z.string().min(1).max(100) });

export const securityEventTypeSchema = z.enum(securityEventTypes).meta({ id: 'SecurityEventType' });

export const securityEventSchema = z
  .object({
    id: z.string(),
    seq: z.number().int().describe('Order of the event in the log'),
    at: instant,
    type: securityEventTypeSchema,
    actor: z.string().describe('Name of the acting key, "cli", or "anonymous"'),
    actorRole: z.string().nullable(),
    keyId: z.string().nullable().describe('The key concerned, if any'),
    keyName: z.string().nullable(),
    address: z.string().nullable().describe('Client address as the server saw it (see TRUST_PROXY)'),
    requestId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'SecurityEvent' });

export const securityEventsQuery = paginationQuery.extend({ type: securityEventTypeSchema.optional() }).strict();
