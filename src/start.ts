// `npm start` (compiled: dist/start.js): provisions and starts Neo4j (local launcher, unless NEO4J_URI points elsewhere),
// migrates, seeds an empty graph, then serves the API. SIGTERM/SIGINT stop the API gracefully and
// then the Neo4j instance this command started (one it found already running is left running).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigOrExit } from './config.js';
import { createDriver } from './db/driver.js';
import { prepareDatabase } from './bootstrap.js';
import { startLocalNeo4j, stopLocalNeo4j } from './local-neo4j.js';

const log = (message: string) => console.log(`[start] ${message}`);

const config = loadConfigOrExit();

// Only a loopback URI is ours to provision; any other NEO4J_URI is a database someone else runs.
const neo4jUrl = new URL(config.neo4j.uri.replace(/^(bolt|neo4j)(\+s|\+ssc)?:/, 'http:'));
const isLoopback = ['127.0.0.1', 'localhost', '[::1]'].includes(neo4jUrl.hostname);
// NEO4J_DATA_DIR picks another data folder (and instance name) for the launcher; default .neo4j/data.
const launcher = {
  port: Number(neo4jUrl.port || 7687),
  dataDir: process.env.NEO4J_DATA_DIR || '.neo4j/data',
  name: process.env.NEO4J_DATA_DIR ? `dev-${neo4jUrl.port || 7687}` : 'dev',
};
let startedHere = false;
if (isLoopback) {
  const local = await startLocalNeo4j({
    ...launcher,
    username: config.neo4j.username,
    password: config.neo4j.password,
  });
  startedHere = !local.reused;
  log(`Neo4j ${local.reused ? 'already running' : 'started'} at ${local.uri} (pid ${local.pid})`);
} else {
  log(`using the Neo4j at ${config.neo4j.uri}`);
}

const driver = createDriver(config);
try {
  await prepareDatabase(driver, log);
} finally {
  await driver.close();
}

// Compiled (dist/start.js) runs dist/server.js; under tsx (development) the TypeScript sibling.
const compiled = import.meta.url.endsWith('.js');
const serverEntry = fileURLToPath(new URL(compiled ? './server.js' : './server.ts', import.meta.url));
const server = spawn(process.execPath, [...(compiled ? [] : ['--import', 'tsx']), serverEntry], {
  stdio: 'inherit',
  env: process.env,
});
log(
  `API starting on http://${config.host}:${config.port} (docs at /docs) from ${path.relative(process.cwd(), serverEntry)}`,
);

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

server.on('exit', async (code, signal) => {
  if (startedHere) {
    log('stopping the Neo4j instance started by npm start');
    await stopLocalNeo4j(launcher);
  }
  process.exit(code ?? (signal ? 0 : 1));
});
