import { ConfigError, loadConfig } from './config.js';
import { createDriver } from './db/driver.js';
import { prepareDatabase } from './bootstrap.js';

/** `npm run db:prepare`: migrate, and seed an empty graph. Used by `npm start` and the Docker image. */
let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
const driver = createDriver(config);
try {
  await prepareDatabase(driver);
} finally {
  await driver.close();
}
