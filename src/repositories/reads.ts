import type { FastifyReply } from 'fastify';
import { run } from '../db/db.js';
import { urlWithoutAsOf } from '../lib/as-of.js';
import { conditionalRead } from '../lib/conditional.js';
import { pageParams } from '../lib/paging.js';
import { notFound } from '../lib/problems.js';

/**
 * The two read shapes the repositories share. Each takes the reply because a read is conditional:
 * the request's If-None-Match may end it with a 304 before the query runs, and the ETag naming
 * the revision served goes on the reply (src/lib/conditional.ts).
 */

export interface Page<T> {
  data: T[];
  meta: { total: number; limit: number; offset: number };
}

export interface PageRange {
  limit: number;
  offset: number;
}

/** A list: one named query that returns one row `{total, items}` for the page. */
export async function readPage<T>(
  reply: FastifyReply,
  query: string,
  filters: Record<string, unknown>,
  page: PageRange,
): Promise<Page<T>> {
  const { request } = reply;
  // A localized list differs by language as well as by URL (Accept-Language is not in the URL).
  const variant = filters.language ? `${urlWithoutAsOf(request.url)} ${filters.language}` : urlWithoutAsOf(request.url);
  const row = await conditionalRead(request, reply, variant, async (tx) => {
    const [result] = await run<{ total: number; items: T[] }>(tx, query, { ...filters, ...pageParams(page) });
    return result!;
  });
  return { data: row.items, meta: { total: row.total, limit: page.limit, offset: page.offset } };
}

/**
 * An item: one named query that returns the item in column `column` of its only row; no row is a
 * 404 naming `what` (e.g. "SDG target 5.b") and the path parameter id.
 */
export async function readItem<T>(
  reply: FastifyReply,
  query: string,
  params: Record<string, unknown>,
  column: string,
  what: string,
): Promise<{ data: T }> {
  const { request } = reply;
  // Items keep the bare revision ETag, except in another language than English: a different representation.
  const variant = params.language && params.language !== 'en' ? String(params.language) : undefined;
  const item = await conditionalRead(request, reply, variant, async (tx) => {
    const [row] = await run<Record<string, T>>(tx, query, params);
    if (!row) throw notFound(`No ${what}.`, [{ path: 'path.id', message: `unknown ${what}` }]);
    return row[column] as T;
  });
  return { data: item };
}
