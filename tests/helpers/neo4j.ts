import neo4j, { type Driver } from 'neo4j-driver';
import { inject } from 'vitest';
import type { Neo4jConnection } from '../global-setup.js';

/** The database chosen by tests/global-setup.ts for this run. */
export function testNeo4j(): Neo4jConnection {
  return inject('neo4j');
}

/** A driver on the test database; integers as JS numbers, like the app's own driver. */
export function openTestDriver(): Driver {
  const { uri, username, password } = testNeo4j();
  const auth = password ? neo4j.auth.basic(username, password) : undefined;
  return neo4j.driver(uri, auth, { disableLosslessIntegers: true, logging: { level: 'error', logger: () => {} } });
}

/**
 * Deletes every node and relationship but keeps constraints and indexes. The Migration records go
 * too, so a suite calls runMigrations() next (its IF NOT EXISTS statements are no-ops on the schema).
 */
export async function resetDatabase(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    // Batched, in an auto-commit transaction (required by CALL ... IN TRANSACTIONS), so a large
    // seeded graph does not have to fit in one transaction's memory.
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS');
  } finally {
    await session.close();
  }
}
