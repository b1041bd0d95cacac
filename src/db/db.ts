import { setTimeout as sleep } from 'node:timers/promises';
import neo4j, {
  type Driver,
  ManagedTransaction,
  Neo4jError,
  type QueryResult,
  type RecordShape,
  type Transaction,
} from 'neo4j-driver';
import type { Neo4jSettings } from '../config.js';
import { cypher } from './cypher.js';
import {
  asQueryError,
  CommitOutcomeUnknown,
  DatabaseUnreachable,
  isDatabaseUnavailable,
  WriteIntentLost,
} from './errors.js';
import { firstRuns } from './first-runs.js';
import { WriteIntents } from './write-intents.js';

export type RetryPolicy = Pick<Neo4jSettings, 'maxRetryTimeMs' | 'unavailableTimeoutMs'> & {
  /** How long after a (re)connect Db.mayBeCold holds (default COLD_WINDOW_MS). */
  coldWindowMs?: number;
};

const DEFAULT_POLICY: RetryPolicy = { maxRetryTimeMs: 5000, unavailableTimeoutMs: 1000 };
/** The driver's fetch size that pulls every record of a query in one go (Bolt PULL n = -1). */
const FETCH_ALL = -1;
/** First pause between attempts; doubles each time, with ±20 % jitter. */
const FIRST_BACKOFF_MS = 50;
/** While Neo4j is away, how often the prober tries a write. */
const PROBE_INTERVAL_MS = 200;
/** Probes running at once while Neo4j is away (each on a throwaway driver of its own). */
const MAX_PROBES_IN_FLIGHT = 3;
/** Longest a single probe may take before it is abandoned (a connection the server never answers). */
const PROBE_TIMEOUT_MS = 5000;

/** How long after a (re)connect Db.mayBeCold holds: a restarted Neo4j plans its queries afresh. */
const COLD_WINDOW_MS = 30_000;
/** How long after an outage consistent reads take turns (Db.readTurn). */
const READ_TURNS_AFTER_OUTAGE_MS = 10_000;
/** Longest a read waits for its turn before it runs anyway (a read made inside another must not wait forever). */
const MAX_READ_TURN_WAIT_MS = 2000;

/** Neo4j's own verdict that running the same transaction again may succeed (deadlock, lock timeout, leader switch). */
const isTransient = (error: unknown): boolean => error instanceof Neo4jError && neo4j.isRetryableError(error);

/**
 * The thin layer routes and repositories use: one session per call, one explicit transaction per
 * attempt, and queries named after cypher/ files.
 *
 * Retries are ours, not the driver's: while Neo4j is unreachable a call gives up after
 * `unavailableTimeoutMs` (the request then answers 503 + Retry-After at once instead of waiting
 * out the driver's one-second-and-up back-off), transient errors are retried for
 * `maxRetryTimeMs`, and a write whose commit was cut off is never run twice.
 */
interface OutageSignal {
  tripped: Promise<never>;
  trip: (error: Error) => void;
}

function newOutageSignal(): OutageSignal {
  let trip: (error: Error) => void = () => {};
  const tripped = new Promise<never>((_, reject) => {
    trip = reject;
  });
  tripped.catch(() => {}); // nobody may be waiting when it trips
  return { tripped, trip };
}

/** Where Db reports the gate closing (with the error that closed it) and opening again. */
export interface DbEvents {
  unavailable(error: unknown): void;
  available(downMs: number): void;
}

export class Db {
  /** Set when a call gave up because Neo4j was unreachable; cleared by the prober's first committed write. */
  private unavailableSince: number | undefined;
  /** Rejects every attempt in flight when Neo4j is found away (a new one per available period). */
  private outage = newOutageSignal();
  private closed = false;
  /** When calls last became possible (construction, or the end of an outage): see mayBeCold. */
  private reopenedAt = Date.now();
  /** When the last outage ended: see readTurn. */
  private recoveredAt = Number.NEGATIVE_INFINITY;
  /** Settles when the last read that took a turn is done. */
  private lastTurn: Promise<void> = Promise.resolve();

  /** Phases 1 and 3 of every write (src/db/consistency.ts). */
  readonly intents: WriteIntents;

  constructor(
    readonly driver: Driver,
    readonly policy: RetryPolicy = DEFAULT_POLICY,
    /** Opens a throwaway driver for probes, so half-open connections to a restarting server never enter the pool. */
    private readonly openProbeDriver?: () => Driver,
    private readonly events?: DbEvents,
  ) {
    this.intents = new WriteIntents((work) => this.write(work));
  }

  /** False from the moment a call gave up on an unreachable Neo4j until a probe write commits again. */
  get available(): boolean {
    return this.unavailableSince === undefined;
  }

  /**
   * True for a while after this process connected or Neo4j came back: the server's plan cache may
   * be empty and its JVM cold, so a query run for the first time costs hundreds of milliseconds.
   */
  get mayBeCold(): boolean {
    return Date.now() - this.reopenedAt < (this.policy.coldWindowMs ?? COLD_WINDOW_MS);
  }

  /**
   * Runs one pass of a consistent read (src/db/consistency.ts). For READ_TURNS_AFTER_OUTAGE_MS after
   * an outage, passes run one at a time (each waits at most MAX_READ_TURN_WAIT_MS for the one
   * before): a restarted Neo4j plans every query it has not cached, and on 2 cores three heavy
   * reads planning at once left the writers' small transactions seconds behind (measured in the
   * chaos suite: a locked read planning for 0.8 s held every writer behind it). Writes, key
   * lookups and health probes do not take turns.
   */
  async readTurn<T>(pass: () => Promise<T>): Promise<T> {
    if (Date.now() - this.recoveredAt >= READ_TURNS_AFTER_OUTAGE_MS) return pass();
    const before = this.lastTurn;
    let done = () => {};
    this.lastTurn = new Promise<void>((resolve) => {
      done = resolve;
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      before,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, MAX_READ_TURN_WAIT_MS);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
    try {
      return await pass();
    } finally {
      done();
    }
  }

  /** Stops the background prober (the driver is closed by its owner). */
  close(): void {
    this.closed = true;
  }

  /** Runs a named read query (cypher/<name>.cypher) and returns the rows as plain objects. */
  async query<T extends RecordShape = RecordShape>(name: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return this.read((tx) => run<T>(tx, name, params));
  }

  /**
   * A read transaction. `fetchAll`: Neo4j streams each query's records to the end before it runs
   * the next one sent (no batches); a consistent read relies on it to send its closing check
   * together with its last query (src/db/consistency.ts).
   */
  read<T>(work: (tx: ManagedTransaction) => Promise<T>, options: { fetchAll?: boolean } = {}): Promise<T> {
    return this.transaction('READ', work, options.fetchAll ? FETCH_ALL : undefined);
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.transaction('WRITE', work);
  }

  private async transaction<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: ManagedTransaction) => Promise<T>,
    fetchSize?: number,
  ): Promise<T> {
    // Known to be away: answer at once instead of queueing on a server that may accept
    // connections long before its database can run a transaction (a restart in progress).
    if (this.unavailableSince !== undefined) throw new DatabaseUnreachable(this.unavailableSince);
    const started = Date.now();
    let backoff = FIRST_BACKOFF_MS;
    for (;;) {
      try {
        return await this.attempt(mode, work, this.driver, fetchSize);
      } catch (error) {
        // Never run twice what may still commit: a cut-off commit, an attempt abandoned at an outage.
        if (error instanceof CommitOutcomeUnknown || error instanceof DatabaseUnreachable) throw error;
        // Not an outage: the write starts over from its announcement (src/db/recorded-write.ts).
        if (error instanceof WriteIntentLost) throw error;
        const budget = isDatabaseUnavailable(error)
          ? this.policy.unavailableTimeoutMs
          : isTransient(error)
            ? this.policy.maxRetryTimeMs
            : -1;
        const pause = backoff * (0.8 + Math.random() * 0.4);
        if (Date.now() + pause - started > budget) {
          if (isDatabaseUnavailable(error)) this.markUnavailable(error);
          throw error;
        }
        await sleep(pause);
        backoff = Math.min(backoff * 2, 1000);
      }
    }
  }

  /**
   * Neo4j is away: from now on calls fail at once, and one background prober tries a small write
   * transaction every PROBE_INTERVAL_MS (each try bounded, since a restarting server can hold a
   * connection without answering). The first commit makes the database available again, so the
   * first real write after a restart waits at most about one probe interval.
   */
  private markUnavailable(cause: unknown): void {
    if (this.unavailableSince !== undefined || this.closed) return;
    this.unavailableSince = Date.now();
    firstRuns.forget();
    this.events?.unavailable(cause);
    // Attempts still waiting on the old server (a connection it never answers) give up now.
    this.outage.trip(new DatabaseUnreachable(this.unavailableSince));
    this.outage = newOutageSignal();
    const since = this.unavailableSince;
    void (async () => {
      // Probes overlap (a new one every interval, a few at most in flight): one stuck on a
      // connection the restarting server accepted but never answers must not delay the next.
      let back = false;
      let inFlight = 0;
      while (!this.closed && !back) {
        await sleep(PROBE_INTERVAL_MS);
        if (inFlight >= MAX_PROBES_IN_FLIGHT) continue;
        inFlight += 1;
        void this.probe().then((ok) => {
          inFlight -= 1;
          back ||= ok;
        });
      }
      if (this.closed) return;
      // Announcements this process could not settle during the outage are cleared before requests
      // come back: while they stand, every reader falls back to the revision lock (consistency.ts).
      // Bounded like a probe: Neo4j may be gone again, and then the next request finds out anyway.
      await Promise.race([
        this.intents.settle(undefined, (work) => this.attempt('WRITE', work)),
        sleep(PROBE_TIMEOUT_MS),
      ]);
      this.events?.available(Date.now() - since);
      this.unavailableSince = undefined;
      this.reopenedAt = Date.now();
      this.recoveredAt = this.reopenedAt;
    })();
  }

  private async probe(): Promise<boolean> {
    // Generous: requests are answered 503 at once meanwhile, and a restarted server's first
    // transactions are slow (cold JVM, empty plan cache); cutting them short only delays recovery.
    const timeout = Math.max(this.policy.unavailableTimeoutMs, PROBE_TIMEOUT_MS);
    let timer: NodeJS.Timeout | undefined;
    const driver = this.openProbeDriver?.() ?? this.driver;
    const attempt = this.attempt(
      'WRITE',
      async (tx) => {
        await tx.run(cypher('health/write-probe'));
      },
      driver,
    ).then(
      () => true,
      () => false,
    );
    if (driver !== this.driver) void attempt.finally(() => driver.close().catch(() => {}));
    const expired = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeout);
    });
    try {
      return await Promise.race([attempt, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  private attempt<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: ManagedTransaction) => Promise<T>,
    driver = this.driver,
    fetchSize?: number,
  ): Promise<T> {
    const running = this.run(mode, work, driver, fetchSize);
    running.catch(() => {}); // may be abandoned below
    return driver === this.driver ? Promise.race([running, this.outage.tripped as Promise<T>]) : running;
  }

  private async run<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: ManagedTransaction) => Promise<T>,
    driver: Driver,
    fetchSize?: number,
  ): Promise<T> {
    const session = driver.session({ defaultAccessMode: mode, ...(fetchSize === undefined ? {} : { fetchSize }) });
    let tx: Transaction | undefined;
    try {
      tx = session.beginTransaction();
      const result = await work(ManagedTransaction.fromTransaction(tx));
      try {
        await tx.commit();
      } catch (error) {
        // A read has nothing to lose; a write's fate is unknown when the connection broke here.
        if (mode === 'WRITE' && isDatabaseUnavailable(error)) throw new CommitOutcomeUnknown(error);
        throw error;
      }
      return result;
    } catch (error) {
      if (tx?.isOpen()) await tx.rollback().catch(() => {});
      throw error;
    } finally {
      await session.close().catch(() => {});
    }
  }
}

export function rows<T extends RecordShape = RecordShape>(result: QueryResult): T[] {
  return result.records.map((r) => r.toObject() as T);
}

/** Runs a named query inside an open transaction and returns its rows. */
export async function run<T extends RecordShape = RecordShape>(
  tx: ManagedTransaction,
  name: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  try {
    const text = cypher(name);
    return await firstRuns.run(text, async () => rows<T>(await tx.run(text, params)));
  } catch (error) {
    throw asQueryError(error);
  }
}
