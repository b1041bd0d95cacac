import { loadConfigOrExit } from '../config.js';
import { createDriver } from './driver.js';
import { MigrationChecksumError, runMigrations } from './migrate.js';

/** `npm run migrate`: applies pending cypher/migrations/*.cypher in order; re-runs are no-ops. */
const config = loadConfigOrExit();
const driver = createDriver(config);
try {
  const { applied } = await runMigrations(driver);
  console.log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: nothing to apply');
} catch (error) {
  if (error instanceof MigrationChecksumError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await driver.close();
}
