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
import { CommitOutcomeUnknown, isDatabaseUnavailable } from './errors.js';

export type RetryPolicy = Pick<Neo4jSettings, 'maxRetryTimeMs' | 'unavailableTimeoutMs'>;

const DEFAULT_POLICY: RetryPolicy = { maxRetryTimeMs: 5000, unavailableTimeoutMs: 1000 };
/** First pause between attempts; doubles each time, with ±20 % jitter. */
const FIRST_BACKOFF_MS = 50;

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
export class Db {
  constructor(
    readonly driver: Driver,
    readonly policy: RetryPolicy = DEFAULT_POLICY,
  ) {}

  /** Runs a named read query (cypher/<name>.cypher) and returns the rows as plain objects. */
  async query<T extends RecordShape = RecordShape>(name: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return this.read(async (tx) => rows<T>(await tx.run(cypher(name), params)));
  }

  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.transaction('READ', work);
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.transaction('WRITE', work);
  }

  private async transaction<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const started = Date.now();
    let backoff = FIRST_BACKOFF_MS;
    for (;;) {
      try {
        return await this.attempt(mode, work);
      } catch (error) {
        if (error instanceof CommitOutcomeUnknown) throw error;
        const budget = isDatabaseUnavailable(error)
          ? this.policy.unavailableTimeoutMs
          : isTransient(error)
            ? this.policy.maxRetryTimeMs
            : -1;
        const pause = backoff * (0.8 + Math.random() * 0.4);
        if (Date.now() + pause - started > budget) throw error;
        await sleep(pause);
        backoff = Math.min(backoff * 2, 1000);
      }
    }
  }

  private async attempt<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ defaultAccessMode: mode });
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
  return rows<T>(await tx.run(cypher(name), params));
}
