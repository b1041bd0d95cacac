import { loadConfigOrExit } from './config.js';
import { createDriver } from './db/driver.js';
import { prepareDatabase } from './bootstrap.js';

/** Migrates and seeds an empty graph, then exits: the Docker image runs it (compiled) before the server. */
const config = loadConfigOrExit();
const driver = createDriver(config);
try {
  await prepareDatabase(driver);
} finally {
  await driver.close();
}
