import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { asksForPast } from '../lib/as-of.js';
import { committedRevision } from '../db/consistency.js';
import { addVary, matchesIfNoneMatch, revisionOfEtag, setReadPass } from '../lib/conditional.js';
import { chooseLanguage } from '../lib/i18n/languages.js';
import { revisionCachesEnabled } from '../lib/matrix-cache.js';
import { RevisionWatcher } from '../lib/revision-watcher.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The graph revision this process knows without asking Neo4j (see RevisionWatcher). */
    revisions: RevisionWatcher;
  }
  interface FastifyContextConfig {
    /** Serve this GET from the finished-bytes cache while the revision stands. */
    revisionCache?: boolean;
  }
}

type Encoding = 'br' | 'gzip' | 'identity';

/** One finished answer: the bytes exactly as sent once, and their compressed forms made on first use. */
interface Entry {
  revision: number;
  etag: string;
  /** Representation headers sent with the bytes (type, disposition, language, Vary). */
  headers: Record<string, string>;
  bodies: Partial<Record<Encoding, Buffer>>;
  size: number;
}

const MAX_ENTRIES = 256;
const MAX_BYTES = 64 * 1024 * 1024;
/** Below this a body is sent as is: compressing it saves less than it costs. */
const MIN_COMPRESS_BYTES = 1024;
/** A client names the revision it must not read below (e.g. the ETag of its own write). */
export const MIN_REVISION_HEADER = 'min-revision';

const utcDay = (): string => new Date().toISOString().slice(0, 10);

/** The encoding to send: br, else gzip, else none (q=0 refuses one). */
function pickEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const accepted = new Set(
    header
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
      .map(([name]) => name!.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return 'identity';
}

function encode(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'br')
    return brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
  if (encoding === 'gzip') return gzipSync(body, { level: 6 });
  return body;
}

/** The newest revision a request says it has seen: its If-None-Match tags or the min-revision header. */
function revisionHint(request: FastifyRequest): number {
  let hint = -1;
  for (const tag of String(request.headers['if-none-match'] ?? '').split(',')) {
    const revision = revisionOfEtag(tag);
    if (revision !== undefined) hint = Math.max(hint, revision);
  }
  const min = Number(request.headers[MIN_REVISION_HEADER]);
  if (Number.isInteger(min)) hint = Math.max(hint, min);
  return hint;
}

/** Headers of a 200 that belong to its representation and are replayed with the cached bytes. */
const KEPT_HEADERS = ['content-type', 'content-disposition', 'content-language', 'vary'] as const;

/**
 * Cache hits without a database round trip and without re-serializing. Routes opt in with
 * `config: { revisionCache: true }`. The first 200 of a variant at a revision is kept as the
 * finished bytes with its headers, keyed by that revision, the UTC day and the variant: the URL (filters,
 * format, page, `lang`), the Accept header and the language chosen from `?lang=`/Accept-Language,
 * which are all a representation of these routes depends on (the ETag names the same variant); while the RevisionWatcher vouches for that revision (confirmed
 * ≤ REVISION_MAX_STALE_MS, 100 ms by default, ago), the same request is answered from those bytes — 304 when If-None-Match matches,
 * else the body pre-compressed (br or gzip, each made once per entry) — before validation, Neo4j or
 * the serializer run. A request that names a newer revision than the process knows (If-None-Match
 * from a later write, or `min-revision`) takes the normal path, which reads the revision from Neo4j
 * in its transaction; so does every request while the watcher cannot vouch (poller behind, Neo4j
 * away). Entries of older revisions are dropped as soon as a newer one is known.
 */
export default fp(
  async (app) => {
    const watcher = new RevisionWatcher(
      () => app.db.read((tx) => committedRevision(tx)),
      app.config.revisionPollMs,
      app.config.revisionMaxStaleMs,
    );
    app.decorate('revisions', watcher);
    const entries = new Map<string, Entry>();
    let bytes = 0;
    const drop = (key: string) => {
      const entry = entries.get(key);
      if (!entry) return;
      bytes -= entry.size;
      entries.delete(key);
    };
    watcher.onChange((revision) => {
      for (const [key, entry] of entries) if (entry.revision !== revision) drop(key);
    });
    app.addHook('onReady', async () => watcher.start());
    app.addHook('onClose', async () => watcher.stop());

    // Language as the routes choose it (src/lib/i18n/languages.ts), so every Accept-Language that
    // picks French shares French's entry and none can pick up another language's bytes.
    // The UTC day is part of the key too: a route may judge by the day as well as by the revision
    // (gaps: "activities past due"), and an entry must not outlive the day it was made on.
    const keyOf = (request: FastifyRequest, revision: number, day: string) =>
      `${revision}\u0000${day}\u0000${request.url}\u0000${request.headers.accept ?? ''}\u0000${chooseLanguage(request)}`;
    /** Requests not answered here, with the day they arrived on. */
    const missed = new WeakMap<FastifyRequest, string>();

    const send = (request: FastifyRequest, reply: FastifyReply, entry: Entry): FastifyReply => {
      reply.header('etag', entry.etag);
      reply.header('cache-control', 'no-cache');
      setReadPass(reply, 'cached');
      for (const [name, value] of Object.entries(entry.headers)) reply.header(name, value);
      if (matchesIfNoneMatch(request.headers['if-none-match'], entry.etag)) {
        reply.removeHeader('content-type');
        reply.removeHeader('content-disposition');
        return reply.code(304).send();
      }
      const identity = entry.bodies.identity!;
      const encoding =
        identity.length < MIN_COMPRESS_BYTES ? 'identity' : pickEncoding(request.headers['accept-encoding']);
      let body = entry.bodies[encoding];
      if (!body) {
        body = encode(identity, encoding);
        entry.bodies[encoding] = body;
        entry.size += body.length;
        bytes += body.length;
      }
      if (encoding !== 'identity') reply.header('content-encoding', encoding);
      return reply.send(body);
    };

    app.addHook('preValidation', async (request, reply) => {
      if (request.method !== 'GET' || !request.routeOptions.config.revisionCache || !revisionCachesEnabled()) return;
      // A time-travel read (?version= / ?revision=) is neither served from nor stored here: its ETag
      // names a past revision and it must not count as a confirmation of the current one.
      if (asksForPast(request)) return;
      const revision = watcher.current();
      const day = utcDay();
      if (revision !== undefined && revisionHint(request) <= revision) {
        const key = keyOf(request, revision, day);
        const entry = entries.get(key);
        if (entry) {
          // Mark as recently used (Map keeps insertion order; the oldest is evicted first).
          entries.delete(key);
          entries.set(key, entry);
          return send(request, reply, entry);
        }
      }
      missed.set(request, day);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const day = missed.get(request);
      if (day === undefined || reply.statusCode !== 200) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams are not kept
      const etag = String(reply.getHeader('etag') ?? '');
      const revision = revisionOfEtag(etag);
      if (revision === undefined) return payload;
      // A slow-path read is as good a confirmation as a poll, dated when the request arrived (its
      // consistent read began after that); it never takes the process back to an older revision.
      watcher.observe(revision, performance.now() - reply.elapsedTime, false);
      const identity = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
      addVary(reply, 'Accept-Encoding');
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      const entry: Entry = { revision, etag, headers, bodies: { identity }, size: identity.length };
      const key = keyOf(request, revision, day);
      // Not kept when the request straddled midnight: the handler may have judged by either day.
      const keep =
        revisionCachesEnabled() &&
        revision === watcher.current() &&
        day === utcDay() &&
        identity.length <= MAX_BYTES / 4;
      if (keep) {
        drop(key);
        entries.set(key, entry);
        bytes += entry.size;
      }
      const encoding =
        identity.length < MIN_COMPRESS_BYTES ? 'identity' : pickEncoding(request.headers['accept-encoding']);
      let body: Buffer | string = payload;
      if (encoding !== 'identity') {
        body = encode(identity, encoding);
        reply.header('content-encoding', encoding);
        if (keep) {
          entry.bodies[encoding] = body;
          entry.size += body.length;
          bytes += body.length;
        }
      }
      while (entries.size > MAX_ENTRIES || bytes > MAX_BYTES) drop(entries.keys().next().value as string);
      return body;
    });
  },
  { name: 'read-cache', dependencies: ['config', 'neo4j'] },
);
