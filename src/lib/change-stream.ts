import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/db.js';
import { run } from '../db/db.js';
import { currentRevision } from './conditional.js';

/**
 * Server-Sent Events for GET /v1/changes/stream, driven by the graph revision in Neo4j (so it
 * works with several API instances behind a load balancer: each polls the shared database).
 *
 * One poller per process, running only while a stream is open: every `pollMs` it reads the
 * revision; each subscriber has a cursor (the last revision it was sent) and gets the Change
 * records after it, oldest first, as `id: <revision>`, `event: change`, `data: <Change JSON>`.
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
  cursor: number;
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

  /** Starts streaming to `res` from revision `cursor` (exclusive); ends when the client goes away. */
  subscribe(res: ServerResponse, cursor: number): void {
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
      const revision = await this.db.read((tx) => currentRevision(tx));
      const behind = [...this.subscribers].filter((s) => s.cursor < revision);
      // Subscribers at the same cursor share one query.
      const byCursor = new Map<number, Subscriber[]>();
      for (const s of behind) byCursor.set(s.cursor, [...(byCursor.get(s.cursor) ?? []), s]);
      for (const [cursor, group] of byCursor) {
        const until = Math.min(revision, cursor + MAX_REVISIONS_PER_TICK);
        const rows = await this.db.read((tx) =>
          run<{ change: StoredChangeRow }>(tx, 'changes/range', { since: cursor, until }),
        );
        const events = rows
          .map(
            ({ change }) => `id: ${change.revision}\nevent: change\ndata: ${JSON.stringify(changeFromRow(change))}\n\n`,
          )
          .join('');
        for (const s of group) {
          if (!this.subscribers.has(s)) continue;
          if (events) s.res.write(events);
          s.cursor = until;
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
