import fp from 'fastify-plugin';
import type { Db } from '../db/db.js';
import { type SecurityEvent, type SecurityEventType, securityEventFromRow } from '../db/security-log.js';
import { pageParams } from '../lib/paging.js';
import type { Page, PageRange } from './reads.js';

type StoredEventRow = Parameters<typeof securityEventFromRow>[0];

/**
 * The security log (src/db/security-log.ts, cypher/security-log/*.cypher): key lifecycle events,
 * uses of expired keys, throttled and rate-limited clients. Beside the roadmap, never in it.
 */
export class SecurityLogRepository {
  constructor(private readonly db: Db) {}

  /** One page of events, newest first, optionally of one type. */
  async list(filters: { type: SecurityEventType | null }, page: PageRange): Promise<Page<SecurityEvent>> {
    const [row] = await this.db.query<{ total: number; items: StoredEventRow[] }>('security-log/list', {
      type: filters.type,
      ...pageParams(page),
    });
    return {
      data: row!.items.map((item) => securityEventFromRow({ ...item, seq: Number(item.seq) })),
      meta: { total: Number(row!.total), limit: page.limit, offset: page.offset },
    };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    securityLog: SecurityLogRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('securityLog', new SecurityLogRepository(app.db));
  },
  {
    name: 'security-log-repository',
    dependencies: ['neo4j'],
  },
);
