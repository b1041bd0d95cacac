import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/db.js';
import { recordKeyUse } from '../db/api-keys.js';

/**
 * Last-used times of API keys, kept cheap: a request only notes the time in memory, and at most
 * once per `resolutionMs` per key; a timer writes the pending times in one batch, off every
 * request's path (and once more when the app closes). lastUsedAt is thus exact to about a minute.
 */
export class KeyUsage {
  private readonly noted = new Map<string, number>();
  private pending = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly resolutionMs = 60_000,
    flushMs = 15_000,
  ) {
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
  }

  /** Notes that a key was used now; returns true when that use will be written. */
  touch(keyId: string, now = Date.now()): boolean {
    const last = this.noted.get(keyId);
    if (last !== undefined && now - last < this.resolutionMs) return false;
    this.noted.set(keyId, now);
    this.pending.set(keyId, new Date(now).toISOString());
    return true;
  }

  private writing: Promise<void> = Promise.resolve();

  /** Writes the pending last-used times (after any write under way); a failure keeps them for the next flush. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await recordKeyUse(
        this.db,
        [...batch].map(([id, at]) => ({ id, at })),
      );
    } catch (error) {
      for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
      this.log.warn({ err: error }, 'could not record API key last-used times');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
