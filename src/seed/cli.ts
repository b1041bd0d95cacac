/**
 * `npm run seed [-- --dir <folder>]`: validates the seed files and loads them into Neo4j.
 * Prints the report as one JSON line; on bad data lists every problem and exits 1 (nothing written).
 */
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config.js';
import { createDriver } from '../db/driver.js';
import { loadSeed } from './load.js';
import { formatProblem, SeedValidationError } from './validate.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } });
  const config = loadConfigOrExit();
  const driver = createDriver(config);
  try {
    const report = await loadSeed(driver, { dir: values.dir });
    console.log(JSON.stringify(report));
    return 0;
  } catch (error) {
    if (error instanceof SeedValidationError) {
      console.error(`The seed has ${error.problems.length} problem(s); nothing was written:`);
      for (const problem of error.problems) console.error(`  ${formatProblem(problem)}`);
      return 1;
    }
    console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await driver.close();
  }
}

process.exitCode = await main();
