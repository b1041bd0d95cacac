import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/db.js';
import { run } from '../db/db.js';
import { consistentRead } from '../db/consistency.js';

/**
 * Server-Sent Events for GET /v1/changes/stream, driven by the graph revision in Neo4j (so it
 * works with several API instances behind a load balancer: each polls the shared database).
 *
 * One poller per process, running only while a stream is open: every `pollMs` it reads the
 * revision; each subscriber has a cursor (the last event it was sent) and gets the Change
 * records after it, oldest first, as `id: <revision>.<seq>`, `event: change`, `data: <Change JSON>`.
 * The id is unique and ordered (seq numbers the records of one write, e.g. the rows of an import), so
 * a client resuming with Last-Event-ID misses nothing, even in the middle of a multi-record write.
 * A comment line is sent every `heartbeatMs` so proxies keep the connection open. A write made
 * by this process nudges the poller so local clients hear of it at once.
 */

export interface StoredChangeRow {
  id: string;
  at: string;
  actor: string;
  role: string;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  revision: number;
  /** Position within the write that produced the revision (0, 1, …). */
  seq?: number;
}

/**
 * Where a stream stands: everything up to revision `revision` was sent, or, with `seq`, that
 * revision's records up to and including `seq` (the rest of the revision is still to come).
 */
export interface StreamCursor {
  revision: number;
  seq: number | null;
}

/** The SSE id of a Change: unique and ordered across the whole log. */
export const eventIdOf = (change: { revision: number; seq?: number | undefined }) =>
  `${change.revision}.${change.seq ?? 0}`;

/** Parses a Last-Event-ID: "<revision>.<seq>" or a bare "<revision>" (all of that revision seen); undefined if neither. */
export function parseEventId(value: string): StreamCursor | undefined {
  const match = /^(\d{1,15})(?:\.(\d{1,9}))?$/.exec(value.trim());
  if (!match) return undefined;
  return { revision: Number(match[1]), seq: match[2] === undefined ? null : Number(match[2]) };
}

/** A stored Change as the API shows it (before/after parsed back from JSON). */
export function changeFromRow(row: StoredChangeRow) {
  const parse = (s: string | null | undefined): unknown => {
    if (s === null || s === undefined) return null;
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return s; // written by something other than the API (kept as text)
    }
  };
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    role: row.role,
    action: row.action,
    target: row.target,
    before: parse(row.before),
    after: parse(row.after),
    reason: row.reason ?? null,
    revision: row.revision,
  };
}

interface Subscriber {
  res: ServerResponse;
  cursor: StreamCursor;
}

/** At most this many revisions are sent per subscriber per tick (a far-behind client catches up over a few ticks). */
const MAX_REVISIONS_PER_TICK = 200;

export class ChangeStream {
  private readonly subscribers = new Set<Subscriber>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private lastHeartbeat = Date.now();

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly pollMs = 1000,
    private readonly heartbeatMs = 15_000,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** Starts streaming to `res` after `cursor`; ends when the client goes away. */
  subscribe(res: ServerResponse, cursor: StreamCursor): void {
    if (this.closed) {
      res.end();
      return;
    }
    const subscriber: Subscriber = { res, cursor };
    this.subscribers.add(subscriber);
    res.on('close', () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.stop();
    });
    this.start();
    this.nudge();
  }

  /** Polls now instead of at the next tick (called after this process commits a write). */
  nudge(): void {
    if (this.subscribers.size === 0 || this.closed) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.tick().finally(() => {
      this.ticking = undefined;
      if (this.again) {
        this.again = false;
        this.nudge();
      }
    });
  }

  /** Ends every open stream (the app is closing: nothing keeps app.close() waiting). */
  async close(): Promise<void> {
    this.closed = true;
    this.stop();
    for (const s of this.subscribers) s.res.end();
    this.subscribers.clear();
    await this.ticking;
  }

  private start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.nudge(), this.pollMs);
    this.timer.unref();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    try {
      // One consistent read (src/db/consistency.ts): a revision is sent only with all its Changes,
      // never before they are visible, so a cursor never skips past an event.
      const { value: batches } = await consistentRead(this.db, async (tx, revision) => {
        const behind = [...this.subscribers].filter(
          (s) => s.cursor.revision < revision || (s.cursor.revision === revision && s.cursor.seq !== null),
        );
        // Subscribers at the same cursor share one query.
        const byCursor = new Map<string, Subscriber[]>();
        for (const s of behind) {
          const key = `${s.cursor.revision}.${s.cursor.seq ?? ''}`;
          byCursor.set(key, [...(byCursor.get(key) ?? []), s]);
        }
        const out: { group: Subscriber[]; until: number; rows: { change: StoredChangeRow }[] }[] = [];
        for (const group of byCursor.values()) {
          const cursor = group[0]!.cursor;
          const until = Math.min(revision, cursor.revision + MAX_REVISIONS_PER_TICK);
          out.push({
            group,
            until,
            rows: await run<{ change: StoredChangeRow }>(tx, 'changes/range', {
              since: cursor.revision,
              afterSeq: cursor.seq,
              until,
            }),
          });
        }
        return out;
      });
      for (const { group, until, rows } of batches) {
        const events = rows
          .map(
            ({ change }) =>
              `id: ${eventIdOf(change)}\nevent: change\ndata: ${JSON.stringify(changeFromRow(change))}\n\n`,
          )
          .join('');
        for (const s of group) {
          if (!this.subscribers.has(s)) continue;
          if (events) s.res.write(events);
          s.cursor = { revision: until, seq: null };
        }
      }
      if (Date.now() - this.lastHeartbeat >= this.heartbeatMs) {
        this.lastHeartbeat = Date.now();
        for (const s of this.subscribers) s.res.write(`: heartbeat ${new Date().toISOString()}\n\n`);
      }
    } catch (error) {
      // Neo4j away: keep the streams open and try again at the next tick.
      this.log.warn({ err: error }, 'change stream poll failed');
    }
  }
}
