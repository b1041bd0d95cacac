import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseEventId, type StreamCursor } from '../../../lib/change-stream.js';
import { STREAM_TICKET_TTL_SECONDS } from '../../../repositories/changes.js';
import { listOf, problemResponses } from '../../../schemas/common.js';
import {
  changeEventSchema,
  changeSchema,
  changesQuery,
  changeStreamQuery,
  eventIdPattern,
  streamTicketSchema,
} from '../../../schemas/changes.js';

/**
 * The append-only change log (viewer role, even when reads are public): every write's actor,
 * role, action, target, before/after, reason and the revision it produced. No route edits or
 * deletes it.
 */
const changeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/changes',
    {
      config: { minRole: 'viewer' },
      schema: {
        tags: ['audit'],
        summary: 'The change log, newest first',
        description:
          'Filters: `since` (revision, exclusive), `actor` (key name), `target` (a resource path and everything below it).',
        querystring: changesQuery,
        response: { 200: listOf(changeSchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { limit, offset, since, actor, target } = request.query;
      return app.changes.list(
        reply,
        { since: since ?? null, actor: actor ?? null, target: target ?? null },
        { limit, offset },
      );
    },
  );

  app.post(
    '/changes/stream-tickets',
    {
      config: { minRole: 'viewer' },
      schema: {
        tags: ['audit'],
        summary: 'A single-use ticket to open the change stream from a browser',
        description:
          `EventSource cannot send Authorization, and keys must not sit in URLs: this exchanges the bearer key for a ticket that ` +
          `opens ONE stream (\`GET /v1/changes/stream?ticket=<ticket>\`) within ${STREAM_TICKET_TTL_SECONDS} seconds. To reconnect, ` +
          'get a new ticket and pass the last event id received as `lastEventId`. Not a roadmap change: the revision stays.',
        response: { 201: streamTicketSchema, 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { ticket, expiresAt } = await app.changes.issueStreamTicket(request.principal!.id);
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ ticket, expiresAt, streamUrl: `/v1/changes/stream?ticket=${ticket}` });
    },
  );

  app.get(
    '/changes/stream',
    {
      config: { minRole: 'viewer', streamTicket: true },
      schema: {
        tags: ['audit'],
        summary: 'Server-Sent Events: one `change` event per Change as writes happen',
        description:
          'text/event-stream. Each event: `id: <revision>.<seq>` (unique and ordered: seq numbers the records of one ' +
          'write, e.g. the rows of an import), `event: change`, `data: <Change JSON>`. Resume exactly with the ' +
          '`Last-Event-ID` header (browsers send it when they reconnect), `?lastEventId=` (a new EventSource with a new ' +
          'ticket) or `?since=<revision>`; without any the stream starts at the current revision. A bare revision as ' +
          'Last-Event-ID means all of that revision was seen. Authenticate with Authorization: Bearer, or, from a browser, ' +
          'with `?ticket=` from POST /v1/changes/stream-tickets. Comment lines are sent as heartbeats. Driven by the graph ' +
          'revision in Neo4j (polled about once a second), so events from every API instance arrive.',
        querystring: changeStreamQuery,
        headers: z.looseObject({
          'last-event-id': z
            .string()
            .regex(eventIdPattern, 'must be an event id "<revision>.<seq>" or a revision')
            .optional()
            .describe('Id of the last event received'),
        }),
        produces: ['text/event-stream'],
        response: {
          200: changeEventSchema.describe('text/event-stream of ChangeEvent'),
          400: problemResponses[400],
          503: problemResponses[503],
        },
      },
    },
    async (request, reply) => {
      const stream = app.changeStream;
      const resumeFrom = request.headers['last-event-id'] ?? request.query.lastEventId;
      let cursor: StreamCursor;
      if (resumeFrom !== undefined && resumeFrom.trim() !== '') {
        cursor = parseEventId(resumeFrom)!;
      } else if (request.query.since !== undefined) {
        cursor = { revision: request.query.since, seq: null };
      } else {
        cursor = { revision: await app.changes.currentRevision(), seq: null };
      }
      // Capped per key (429) and per process (503): each open stream holds a connection and a poller slot.
      const release = app.streamSlots.acquire(request);
      reply.hijack();
      const res = reply.raw;
      res.on('close', release);
      // The CORS headers set by the hooks live on the reply: the raw head must carry them too.
      res.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      const after = cursor.seq === null ? `revision ${cursor.revision}` : `event ${cursor.revision}.${cursor.seq}`;
      res.write(`retry: 2000\n: streaming changes after ${after}\n\n`);
      stream.subscribe(res, cursor);
    },
  );
};

export default changeRoutes;
