import type { Driver } from 'neo4j-driver';
import { cypher } from './db/cypher.js';
import { runMigrations } from './db/migrate.js';

/**
 * Brings a database to a servable state: pending migrations applied, and the reference seed loaded
 * when the graph has no action lines yet (a database that already holds the roadmap is never
 * re-seeded behind the staff's back; `npm run seed` does that explicitly and idempotently).
 */
export async function prepareDatabase(driver: Driver, log: (message: string) => void = console.log): Promise<void> {
  const { applied } = await runMigrations(driver);
  log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: up to date');
  const { records } = await driver.executeQuery(
    cypher('bootstrap/action-line-count'),
    {},
    {
      routing: 'READ',
    },
  );
  if ((records[0]?.get('n') as number) > 0) {
    log('seed: graph already holds the roadmap, not re-seeding');
    // Graphs seeded before action lines carried their sort key get it here (a no-op afterwards).
    await driver.executeQuery(cypher('action-lines/set-sort-key'));
    return;
  }
  const { loadSeed } = await import('./seed/load.js');
  const report = await loadSeed(driver);
  log(`seed: loaded ${JSON.stringify(report)}`);
}
