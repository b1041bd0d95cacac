import { z } from 'zod';
import { fromUrl, urlInteger } from '../domain/ids.js';
import { paginationQuery } from './common.js';

/** The change log: GET /v1/changes, its event stream and stream tickets. */

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
