import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jSettings } from '../config.js';

/**
 * One driver per process. Integers come back as JS numbers (our counts and revisions stay far
 * below 2^53). Connection and acquisition time-outs are short (configurable) so a request learns
 * quickly that Neo4j is away; retries are done by Db (src/db/db.ts), not by the driver, whose
 * managed-transaction back-off starts at one second.
 */
export function createDriver(
  config: { neo4j: Pick<Neo4jSettings, 'uri' | 'username' | 'password'> & Partial<Neo4jSettings> },
  options: { losslessIntegers?: boolean } = {},
): Driver {
  const { uri, username, password, connectionTimeoutMs = 1000, acquisitionTimeoutMs = 1000 } = config.neo4j;
  // Auth is off on the local launcher unless a password is configured.
  const auth = password ? neo4j.auth.basic(username, password) : undefined;
  return neo4j.driver(uri, auth, {
    // Backup and restore keep Neo4j integers exact and distinct from floats.
    disableLosslessIntegers: !options.losslessIntegers,
    connectionTimeout: connectionTimeoutMs,
    connectionAcquisitionTimeout: acquisitionTimeoutMs,
    maxTransactionRetryTime: config.neo4j.maxRetryTimeMs ?? 5000,
    logging: { level: 'error', logger: () => {} },
  });
}
