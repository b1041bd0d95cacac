import { loadConfigOrExit } from './config.js';
import { createDriver } from './db/driver.js';
import { prepareDatabase } from './bootstrap.js';

/** `npm run db:prepare`: migrate, and seed an empty graph. Used by `npm start` and the Docker image. */
const config = loadConfigOrExit();
const driver = createDriver(config);
try {
  await prepareDatabase(driver);
} finally {
  await driver.close();
}
