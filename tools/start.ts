// `npm start`: provisions and starts Neo4j (local launcher, unless NEO4J_URI points elsewhere),
// migrates, seeds an empty graph, then serves the API. SIGTERM/SIGINT stop the API gracefully and
// then the Neo4j instance this command started (one it found already running is left running).
import { spawn } from 'node:child_process';
import { loadConfigOrExit } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import { prepareDatabase } from '../src/bootstrap.js';
import { startLocalNeo4j, stopLocalNeo4j } from './db.js';

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

const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { stdio: 'inherit', env: process.env });
log(`API starting on http://${config.host}:${config.port} (docs at /docs)`);

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
