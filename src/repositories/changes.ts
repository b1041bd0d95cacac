import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { consistentRead } from '../db/consistency.js';
import type { Db } from '../db/db.js';
import { run } from '../db/db.js';
import { issueStreamTicket } from '../db/stream-tickets.js';
import { changeFromRow, type StoredChangeRow } from '../lib/change-stream.js';
import { conditionalRead } from '../lib/conditional.js';
import { pageParams } from '../lib/paging.js';
import type { PageRange } from './reads.js';

export { STREAM_TICKET_TTL_SECONDS } from '../db/stream-tickets.js';

export interface ChangeFilters {
  since: number | null;
  actor: string | null;
  target: string | null;
}

/** The append-only change log (cypher/changes/*.cypher) and the tickets that open its stream. */
export class ChangeRepository {
  constructor(private readonly db: Db) {}

  /** One page of changes, newest first. */
  async list(reply: FastifyReply, filters: ChangeFilters, page: PageRange) {
    const { request } = reply;
    const row = await conditionalRead(request, reply, request.url, async (tx) => {
      const [result] = await run<{ total: number; items: StoredChangeRow[] }>(tx, 'changes/list', {
        ...filters,
        ...pageParams(page),
      });
      return result!;
    });
    return { data: row.items.map(changeFromRow), meta: { total: row.total, limit: page.limit, offset: page.offset } };
  }

  /** The revision committed now: where a stream with no resume point starts. */
  async currentRevision(): Promise<number> {
    return (await consistentRead(this.db, async () => undefined)).revision;
  }

  /** A single-use ticket that opens one stream for the key `keyId`. */
  issueStreamTicket(keyId: string) {
    return issueStreamTicket(this.db, keyId);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    changes: ChangeRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('changes', new ChangeRepository(app.db));
  },
  {
    name: 'change-repository',
    dependencies: ['neo4j'],
  },
);
