import { Neo4jError } from 'neo4j-driver';

/** Driver error codes that mean "the database cannot be reached right now", not "your query is wrong". */
const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/**
 * Thrown instead of the driver's error when the commit of a write failed because the connection
 * broke: the write may or may not have been applied, so it is not run again (a retry could record
 * the same change twice). Answered with 503 like any other unavailability.
 */
export class CommitOutcomeUnknown extends Error {
  constructor(readonly causeError: unknown) {
    super('The connection to Neo4j broke while committing; the write may or may not have been applied.');
    this.name = 'CommitOutcomeUnknown';
  }
}

/** Thrown at once, without touching the driver, while Db knows Neo4j is away (its prober has not reached it yet). */
export class DatabaseUnreachable extends Error {
  constructor(readonly since: number) {
    super(`Neo4j has been unreachable since ${new Date(since).toISOString()}.`);
    this.name = 'DatabaseUnreachable';
  }
}

/**
 * A write's announcement was dropped before its change could run (taken for a dead writer's
 * after a long stall). Nothing was changed; answered with 503 so the client retries.
 */
export class WriteIntentLost extends Error {
  constructor() {
    super('The write stalled between its phases and was not applied; retry it.');
    this.name = 'WriteIntentLost';
  }
}

/**
 * A transient Neo4j error (deadlock, lock wait) that outlasted NEO4J_MAX_RETRY_TIME_MS of retries:
 * the database is too busy right now, not broken. Answered with 503 + Retry-After, never 500.
 */
export function isDatabaseBusy(error: unknown): boolean {
  return error instanceof Neo4jError && /^Neo\.TransientError\./.test(error.code);
}

/** True when an error means Neo4j is away (connection refused, reset, timed out, leader lost). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof CommitOutcomeUnknown || error instanceof DatabaseUnreachable || error instanceof WriteIntentLost)
    return true;
  if (error instanceof Neo4jError) {
    if (UNAVAILABLE_CODES.has(error.code)) return true;
    // The driver reports pool acquisition time-outs and routing failures as generic client errors.
    if (/acquisition timed out|Failed to connect|Connection was closed|Pool is closed/i.test(error.message))
      return true;
    // Database starting or stopping: transient unavailability.
    if (/^Neo\.TransientError\.(General\.DatabaseUnavailable|Database\.DatabaseUnavailable)/.test(error.code))
      return true;
  }
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE';
}

/**
 * Neo4j refused a query for lack of memory: the query's own limit (db.memory.transaction.max) or
 * the database's shared transaction pool. Both codes are "transient" to the driver, which would
 * retry the same doomed query for up to 30 s; this error is not a Neo4jError, so managed
 * transactions give up at once and the error handler answers 503 with advice to narrow the query.
 */
export class QueryMemoryExceeded extends Error {
  constructor(readonly code: string) {
    super(`Neo4j refused the query for lack of memory (${code})`);
    this.name = 'QueryMemoryExceeded';
  }
}

const MEMORY_CODES = new Set([
  'Neo.TransientError.General.TransactionOutOfMemoryError',
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  'Neo.TransientError.General.OutOfMemoryError',
]);

/** The error to throw on: memory refusals become QueryMemoryExceeded, anything else is returned as is. */
export function asQueryError(error: unknown): unknown {
  if (error instanceof Neo4jError && MEMORY_CODES.has(error.code)) return new QueryMemoryExceeded(error.code);
  return error;
}
