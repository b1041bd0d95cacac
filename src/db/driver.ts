import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config.js';

/**
 * One driver per process. Integers come back as JS numbers (our counts and revisions stay far
 * below 2^53), and a short connection timeout lets /readyz answer quickly while Neo4j is away.
 */
export function createDriver(config: Pick<Config, 'neo4j'>): Driver {
  const { uri, username, password } = config.neo4j;
  // Auth is off on the local launcher unless a password is configured.
  const auth = password ? neo4j.auth.basic(username, password) : undefined;
  return neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    connectionTimeout: 3000,
    connectionAcquisitionTimeout: 5000,
    maxTransactionRetryTime: 5000,
    logging: { level: 'error', logger: () => {} },
  });
}
