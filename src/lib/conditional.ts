import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ManagedTransaction } from 'neo4j-driver';
import { run } from '../db/db.js';
import { type ConsistentWork, consistentRead, type ReadPass } from '../db/consistency.js';
import { representationEtag } from '../domain/etag.js';
import { readAsOf, resolveAsOf } from './as-of.js';
import { notAcceptable } from './problems.js';

export { representationEtag, revisionOfEtag } from '../domain/etag.js';

/**
 * When a revision was committed (ISO 8601), from its Change records; the epoch for revision 0.
 * Exports stamp this, not the wall clock, so one revision's export is the same bytes every time.
 */
export async function revisionCommittedAt(tx: ManagedTransaction, revision: number): Promise<string> {
  const [row] = await run<{ at: string | null }>(tx, 'revision/committed-at', { revision });
  return row?.at ?? new Date(0).toISOString();
}

/** `meta.revision` and `meta.etag` of a body shown at `revision` (the tag a client sends back in If-Match). */
export const revisionMeta = (revision: number) => ({ revision, etag: representationEtag(revision) });

/** RFC 9110 If-None-Match: weak comparison against a list of tags, or `*`. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => strip(tag) === strip(etag));
}

/** Sets the caching headers every read carries: revalidate every time, validator is the ETag. */
export function setCacheHeaders(reply: FastifyReply, etag: string): void {
  reply.header('etag', etag);
  reply.header('cache-control', 'no-cache');
  addVary(reply, 'Accept');
}

/**
 * Says how a read was proven consistent: the n-th optimistic pass, under the revision lock, or from
 * the read cache (Server-Timing, a diagnostic: the chaos suite records it with each read).
 */
export function setReadPass(reply: FastifyReply, pass: ReadPass | 'cached'): void {
  reply.header('server-timing', `read;desc="${pass}"`);
}

/** Adds a field to Vary, keeping those set before (Origin from CORS, Accept-Encoding from compression). */
export function addVary(reply: FastifyReply, field: string): void {
  const current = String(reply.getHeader('vary') ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (!current.some((f) => f.toLowerCase() === field.toLowerCase())) current.push(field);
  reply.header('vary', current.join(', '));
}

export type OutputFormat = 'json' | 'csv' | 'xlsx' | 'ndjson' | 'html' | 'docx';

const MEDIA: Record<OutputFormat, string> = {
  json: 'application/json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ndjson: 'application/x-ndjson',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * Picks the output format: an explicit `?format=` wins, else the Accept header among `allowed`.
 * An Accept that allows none of them is 406 (naming what is offered).
 */
export function negotiateFormat(
  request: FastifyRequest,
  allowed: OutputFormat[],
  explicit?: OutputFormat,
): OutputFormat {
  if (explicit) return explicit;
  const accept = request.headers.accept;
  if (!accept) return 'json';
  const ranges = accept
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const range of ranges) {
    if (range.type === '*/*' || range.type === 'application/*') return allowed.includes('json') ? 'json' : allowed[0]!;
    if (range.type === 'text/*' && allowed.includes('csv')) return 'csv';
    const hit = allowed.find(
      (f) => MEDIA[f] === range.type || (f === 'json' && range.type === 'application/problem+json'),
    );
    if (hit) return hit;
  }
  throw notAcceptable(`Accept "${accept}" matches none of: ${allowed.map((f) => MEDIA[f]).join(', ')}.`);
}

export const mediaTypeOf = (format: OutputFormat) => MEDIA[format];

/** Thrown by a read whose If-None-Match still matches: the error handler answers 304 with the ETag. */
export class NotModified extends Error {
  constructor(readonly etag: string) {
    super('not modified');
    this.name = 'NotModified';
  }
}

/**
 * The conditional-GET flow of every read, on a consistent read (src/db/consistency.ts): the
 * revision is read, and when If-None-Match still matches NotModified is thrown (the error handler
 * sends the 304) without running the query; else `work` runs and the ETag names the revision its
 * data was proven to belong to. `work` may run more than once; `whenConsistent` defers side
 * effects (cache stores) until the read passed.
 */
export async function conditionalRead<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  variant: string | undefined,
  work: ConsistentWork<T>,
  /** See consistentRead: the read may send its closing check behind its last query. */
  options: { pipelinedClose?: boolean } = {},
): Promise<T> {
  // ?version= / ?revision=: the same work against the roadmap as it stood then (src/lib/as-of.ts).
  const asOf = await resolveAsOf(request);
  if (asOf !== undefined) {
    const etag = representationEtag(asOf, variant);
    if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) throw new NotModified(etag);
    // The rewound state is read under the revision lock, so it is consistent; side effects (cache
    // stores of that immutable revision) run once the read is over.
    const deferred: (() => void)[] = [];
    const value = await readAsOf(request, asOf, (tx) =>
      work(
        tx,
        asOf,
        (action) => deferred.push(action),
        () => {},
      ),
    );
    for (const action of deferred) action();
    setCacheHeaders(reply, etag);
    return value;
  }
  const { value: outcome, pass } = await consistentRead(
    request.server.db,
    async (tx, revision, whenConsistent, closeEarly) => {
      const etag = representationEtag(revision, variant);
      if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) return { etag, notModified: true as const };
      return { etag, notModified: false as const, value: await work(tx, revision, whenConsistent, closeEarly) };
    },
    options,
  );
  setReadPass(reply, pass);
  if (outcome.notModified) throw new NotModified(outcome.etag);
  setCacheHeaders(reply, outcome.etag);
  return outcome.value;
}
