import type { FastifyRequest } from 'fastify';
import type { ManagedTransaction } from 'neo4j-driver';
import { committedRevision } from '../db/consistency.js';
import { run } from '../db/db.js';
import { readAtRevision, reconstructionBarrier } from '../db/time-travel.js';
import { isoToday } from '../domain/gaps.js';
import { runAsPastRead } from './past-read.js';
import { badRequest, notFound, unprocessable } from './problems.js';

/**
 * `?version=` / `?revision=` on roadmap reads: which past revision a request asks for, and the read
 * itself (src/db/time-travel.ts). The ETag of such a read is the one a read made at that revision
 * carried, so the variant must not include these two parameters.
 */

interface AsOfParams {
  version?: string | undefined;
  revision?: number | undefined;
}

/** The revision a version names (404 naming `path` when there is no such version). */
export async function revisionOfVersion(tx: ManagedTransaction, id: string, path: string): Promise<number> {
  const [row] = await run<{ version: { revision: number } }>(tx, 'versions/get', { id });
  if (!row) throw notFound(`No version ${id}.`, [{ path, message: `unknown version ${id}` }]);
  return row.version.revision;
}

/**
 * Checks that `revision` can be answered: not in the future, not before a change the log cannot
 * undo (a bulk seed load records no per-record before state).
 */
export async function checkReachable(tx: ManagedTransaction, revision: number, path: string): Promise<void> {
  const current = await committedRevision(tx);
  if (revision > current) {
    throw badRequest(`Revision ${revision} is in the future: the roadmap is at revision ${current}.`, [
      { path, message: `must be at most ${current}` },
    ]);
  }
  const barrier = await reconstructionBarrier(tx);
  if (barrier !== null && revision < barrier) {
    throw unprocessable(
      `The roadmap before revision ${barrier} cannot be reconstructed: that revision is a bulk seed load, which records no per-record earlier state.`,
      [{ path, message: `must be at least ${barrier}` }],
    );
  }
}

/** The past revision a read asks for, or undefined for "now" (also when it names the current one). */
export async function resolveAsOf(request: FastifyRequest): Promise<number | undefined> {
  // Only routes whose querystring schema declares asOfQuery have typed values here.
  const query = (request.query ?? {}) as AsOfParams;
  const version = typeof query.version === 'string' ? query.version : undefined;
  const revision = typeof query.revision === 'number' ? query.revision : undefined;
  if (version === undefined && revision === undefined) return undefined;
  if (version !== undefined && revision !== undefined) {
    throw badRequest('Send `version` or `revision`, not both.', [
      { path: 'query.revision', message: 'not together with version' },
    ]);
  }
  return request.server.db.read(async (tx) => {
    const path = version !== undefined ? 'query.version' : 'query.revision';
    const wanted = version !== undefined ? await revisionOfVersion(tx, version, path) : revision!;
    await checkReachable(tx, wanted, path);
    return wanted === (await committedRevision(tx)) ? undefined : wanted;
  });
}

/** A read at a past revision: the same work, against the state rebuilt in a rolled-back transaction. */
export function readAsOf<T>(
  request: FastifyRequest,
  revision: number,
  work: (tx: ManagedTransaction) => Promise<T>,
): Promise<T> {
  return runAsPastRead(revision, () => readAtRevision(request.server.db, revision, work));
}

/** Whether the request names a past state (`version` or `revision` in its query, parsed or not). */
export function asksForPast(request: FastifyRequest): boolean {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return query.version !== undefined || query.revision !== undefined;
}

/** The request URL without `version` and `revision`: the ETag variant of reads that hash their URL. */
export function urlWithoutAsOf(url: string): string {
  const [path, query] = url.split('?', 2);
  if (query === undefined) return url;
  const kept = query.split('&').filter((p) => !/^(version|revision)(=|$)/.test(p));
  return kept.length ? `${path}?${kept.join('&')}` : path!;
}

/**
 * The day (UTC, ISO date) a read judges "past due" on: today for a read of now; for a read at a
 * past version or revision, the day that revision was committed, so the state answers as it did
 * then rather than as today would judge it.
 */
export async function dayOfRead(request: FastifyRequest): Promise<string> {
  const past = await resolveAsOf(request);
  if (past === undefined) return isoToday();
  const at = await request.server.db.read((tx) =>
    run<{ at: string | null }>(tx, 'revision/committed-at', { revision: past }),
  );
  return (at[0]?.at ?? new Date(0).toISOString()).slice(0, 10);
}
