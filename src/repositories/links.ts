import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { ManagedTransaction } from 'neo4j-driver';
import { run } from '../db/db.js';
import type { LinkStatus } from '../domain/enums.js';
import { deleteLinkWork, type EndPaths, type PutLinkChange, putLinkWork } from '../domain/link-writes.js';
import { type LinkKey, linkFromLabels, linkToLabels, roadmapLinkTypes } from '../domain/links.js';
import { urlWithoutAsOf } from '../lib/as-of.js';
import { conditionalRead } from '../lib/conditional.js';
import { pageParams } from '../lib/paging.js';
import { type ExportFormat, sendExport } from '../lib/streamed-read.js';
import type { Link } from '../schemas/links.js';

export interface LinkFilters {
  type: string | null;
  from: string | null;
  to: string | null;
  status: LinkStatus | null;
}

/**
 * Every roadmap link, and the single-link writes below their owner's URL. The list runs
 * cypher/links/list.cypher; writes (inside the write path's transaction) follow the rules of
 * src/domain/link-writes.ts over the link store (src/db/link-repository.ts, cypher/links/*.cypher).
 */
export class LinkRepository {
  /**
   * One page of links, or every matching link when `page.limit` is null (a CSV export).
   * `representation` (format, CSV header language) is part of the ETag: each is different bytes for one URL.
   */
  list(
    reply: FastifyReply,
    representation: string,
    filters: LinkFilters,
    page: { limit: number | null; offset: number },
  ) {
    const { request } = reply;
    const { limit, offset } = page;
    return conditionalRead(request, reply, `${urlWithoutAsOf(request.url)} ${representation}`, async (tx) => {
      const [row] = await run<{ total: number; items: Link[] }>(tx, 'links/list', {
        types: roadmapLinkTypes,
        fromLabels: linkFromLabels,
        toLabels: linkToLabels,
        ...filters,
        ...(limit === null ? { ...pageParams({ limit: 0, offset }), limit: null } : pageParams({ limit, offset })),
      });
      return row!;
    });
  }

  /**
   * Every matching link, or the page asked for, as a streamed export (src/lib/streamed-read.ts:
   * consistent, never the whole body in memory), from cypher/links/export.cypher.
   */
  export(
    reply: FastifyReply,
    representation: string,
    filters: LinkFilters,
    page: { limit: number | null; offset: number },
    format: ExportFormat,
    toRow: (row: Record<string, unknown>) => Record<string, unknown>,
  ) {
    const { request } = reply;
    const { limit, offset } = page;
    const window =
      limit === null ? { ...pageParams({ limit: 0, offset }), limit: null } : pageParams({ limit, offset });
    const params = {
      types: roadmapLinkTypes,
      fromLabels: linkFromLabels,
      toLabels: linkToLabels,
      ...filters,
      ...window,
    };
    return sendExport(
      request,
      reply,
      `${urlWithoutAsOf(request.url)} ${representation}`,
      [{ query: 'links/export', params, toRow }],
      format,
    );
  }

  /** Creates or updates one link (PUT semantics, see src/domain/link-writes.ts). */
  put(tx: ManagedTransaction, key: LinkKey, paths: EndPaths, change: PutLinkChange, actor: string) {
    return putLinkWork(tx, key, paths, change, actor);
  }

  /** Deletes one link (404 when absent). */
  delete(tx: ManagedTransaction, key: LinkKey, paths: EndPaths) {
    return deleteLinkWork(tx, key, paths);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    links: LinkRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('links', new LinkRepository());
  },
  {
    name: 'link-repository',
    dependencies: ['neo4j'],
  },
);
