import type { FastifyReply, FastifyRequest } from 'fastify';
import { run } from '../db/db.js';
import { urlWithoutAsOf } from './as-of.js';
import { conditionalRead } from './conditional.js';
import { pageParams } from './paging.js';
import { notFound } from './problems.js';

export interface Page<T> {
  data: T[];
  meta: { total: number; limit: number; offset: number };
}

/**
 * The read of a list route: one named query that returns one row `{total, items}` for the page,
 * with the ETag / 304 flow of conditionalRead.
 */
export async function readPage<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  query: string,
  filters: Record<string, unknown>,
  page: { limit: number; offset: number },
): Promise<Page<T>> {
  const row = await conditionalRead(request, reply, urlWithoutAsOf(request.url), async (tx) => {
    const [result] = await run<{ total: number; items: T[] }>(tx, query, { ...filters, ...pageParams(page) });
    return result!;
  });
  return { data: row.items, meta: { total: row.total, limit: page.limit, offset: page.offset } };
}

/**
 * The read of an item route: one named query that returns the item in column `column` of its only
 * row; no row is a 404 naming `what` (e.g. "SDG target 5.b") and the path parameter id.
 */
export async function readItem<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  query: string,
  params: Record<string, unknown>,
  column: string,
  what: string,
): Promise<{ data: T }> {
  const item = await conditionalRead(request, reply, undefined, async (tx) => {
    const [row] = await run<Record<string, T>>(tx, query, params);
    if (!row) throw notFound(`No ${what}.`, [{ path: 'path.id', message: `unknown ${what}` }]);
    return row[column] as T;
  });
  return { data: item };
}
