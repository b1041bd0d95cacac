import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { run } from '../../../db/db.js';
import { changeFromRow, type StoredChangeRow } from '../../../lib/change-stream.js';
import { conditionalRead, currentRevision } from '../../../lib/conditional.js';
import { pageParams } from '../../../lib/paging.js';
import { badRequest } from '../../../lib/problems.js';
import { listOf, problemResponses } from '../../../schemas/common.js';
import { changeEventSchema, changeSchema, changesQuery, changeStreamQuery } from '../../../schemas/editing.js';

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
      const page = await conditionalRead(request, reply, request.url, async (tx) => {
        const [row] = await run<{ total: number; items: StoredChangeRow[] }>(tx, 'changes/list', {
          since: since ?? null,
          actor: actor ?? null,
          target: target ?? null,
          ...pageParams({ limit, offset }),
        });
        return row!;
      });
      return { data: page.items.map(changeFromRow), meta: { total: page.total, limit, offset } };
    },
  );

  app.get(
    '/changes/stream',
    {
      config: { minRole: 'viewer' },
      schema: {
        tags: ['audit'],
        summary: 'Server-Sent Events: one `change` event per Change as writes happen',
        description:
          'text/event-stream. Each event: `id: <revision>`, `event: change`, `data: <Change JSON>`. Resume with the ' +
          '`Last-Event-ID` header (browsers send it when they reconnect) or `?since=<revision>`; without either the ' +
          'stream starts at the current revision. Comment lines are sent as heartbeats. Driven by the graph revision in ' +
          'Neo4j (polled about once a second), so events from every API instance arrive. At most STREAMS_PER_KEY ' +
          'streams per API key (the next is 429) and STREAMS_TOTAL per server (the next is 503 + Retry-After).',
        querystring: changeStreamQuery,
        headers: z.looseObject({
          'last-event-id': z
            .string()
            .regex(/^\s*\d*\s*$/, 'must be a non-negative integer')
            .optional()
            .describe('Revision of the last event received'),
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
      const lastEventId = request.headers['last-event-id'];
      let cursor: number;
      if (typeof lastEventId === 'string' && lastEventId.trim() !== '') {
        if (!/^\d+$/.test(lastEventId.trim())) {
          throw badRequest('Last-Event-ID must be a revision number.', [
            { path: 'header.last-event-id', message: 'must be a non-negative integer' },
          ]);
        }
        cursor = Number(lastEventId.trim());
      } else if (request.query.since !== undefined) {
        cursor = request.query.since;
      } else {
        cursor = await app.db.read((tx) => currentRevision(tx));
      }
      // Capped per key (429) and per process (503): each open stream holds a connection and a poller slot.
      const release = app.streamSlots.acquire(request);
      reply.hijack();
      const res = reply.raw;
      res.on('close', release);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      res.write(`retry: 2000\n: streaming changes after revision ${cursor}\n\n`);
      stream.subscribe(res, cursor);
    },
  );
};

export default changeRoutes;
