import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config.js';
import { createApiKey } from './api-keys.js';
import { Db } from './db.js';
import { createDriver } from './driver.js';
import { HttpProblem } from '../lib/problems.js';
import { roles, type Role } from '../lib/roles.js';

/**
 * `npm run key:create -- --name NAME --role viewer|editor|admin`: creates an API key (the first
 * admin key must come from here) and prints it alone on the LAST line of the output, the only
 * time it is shown. The creation is recorded in the change log with actor "cli".
 */
const usage = 'usage: npm run key:create -- --name NAME --role viewer|editor|admin';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let values: { name?: string; role?: string };
try {
  ({ values } = parseArgs({ options: { name: { type: 'string' }, role: { type: 'string' } }, strict: true }));
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
const name = values.name?.trim();
if (!name || !/^[\w .@:-]{1,100}$/.test(name))
  fail(`--name is required (1–100 letters, digits, spaces, _ . @ : -)\n${usage}`);
if (!values.role || !(roles as readonly string[]).includes(values.role))
  fail(`--role must be one of ${roles.join(', ')}\n${usage}`);

const config = loadConfigOrExit();

const driver = createDriver(config);
try {
  const { result } = await createApiKey(new Db(driver), { name, role: values.role as Role });
  console.log(`created API key ${result.id} "${result.name}" with role ${result.role}`);
  console.log('store it now: it is not shown again (only its sha256 hash is kept). The key:');
  console.log(result.key);
} catch (error) {
  if (error instanceof HttpProblem) fail(error.detail, 1);
  throw error;
} finally {
  await driver.close();
}
