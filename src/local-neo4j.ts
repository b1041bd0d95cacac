/**
 * Local Neo4j Community 5.26 without Docker: builds tools/neo4j-launcher (embedded Neo4j + Bolt)
 * with Maven once, then runs it as a detached JVM that outlives this process.
 *
 *   npm run db:start|db:stop|db:status -- [--name dev] [--port 7687] [--data .neo4j/data]  (CLI: tools/db.ts)
 *
 * NEO4J_PASSWORD (non-empty) turns auth on for user NEO4J_USERNAME (default neo4j).
 * Files: <parent of data dir>/<name>.pid (pid only), <name>.json (how it was started), <name>.log.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LocalNeo4jOptions {
  port?: number;
  dataDir?: string;
  name?: string;
  username?: string;
  password?: string;
  /** Progress messages; default stderr so stdout stays machine-readable. */
  log?: (message: string) => void;
}

export interface LocalNeo4jStatus {
  running: boolean;
  pid?: number;
  uri: string;
  name: string;
  dataDir: string;
}

interface Resolved {
  port: number;
  dataDir: string;
  name: string;
  username: string;
  password: string;
  log: (message: string) => void;
  pidFile: string;
  stateFile: string;
  logFile: string;
}

/** What a running instance was started with; decides whether it can be reused. */
interface State {
  pid: number;
  port: number;
  dataDir: string;
  authKey: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LAUNCHER_DIR = path.join(ROOT, 'tools', 'neo4j-launcher');
const TARGET = path.join(LAUNCHER_DIR, 'target');
const STAMP = path.join(TARGET, '.build-stamp');
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 60_000;
/** After the process is gone, how long a stop waits for its port to stop accepting connections. */
const PORT_RELEASE_TIMEOUT_MS = 10_000;
const HOST = '127.0.0.1';

// Neo4j wants these opens for direct buffers and fd-level I/O advice; without them it falls
// back to slower paths and logs warnings. The small heap suits a 2-core dev machine.
const JVM_OPTS = [
  '-Xms128m',
  '-Xmx512m',
  '-XX:+UseG1GC',
  '-XX:+ExitOnOutOfMemoryError',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
];

function resolve(opts: LocalNeo4jOptions, rememberedPort = false): Resolved {
  const name = opts.name ?? 'dev';
  const dataDir = path.resolve(ROOT, opts.dataDir ?? '.neo4j/data');
  const dir = path.dirname(dataDir);
  const stateFile = path.join(dir, `${name}.json`);
  // stop/status without --port look where the instance was last started; start uses the default.
  const port = opts.port ?? (rememberedPort ? readState(stateFile)?.port : undefined) ?? 7687;
  return {
    port,
    dataDir,
    name,
    username: opts.username ?? 'neo4j',
    password: opts.password ?? '',
    log: opts.log ?? ((m) => console.error(m)),
    pidFile: path.join(dir, `${name}.pid`),
    stateFile,
    logFile: path.join(dir, `${name}.log`),
  };
}

const uriOf = (port: number): string => `bolt://${HOST}:${port}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function authKey(r: Resolved): string {
  if (!r.password) return 'off';
  return createHash('sha256').update(`${r.username}\0${r.password}`).digest('hex');
}

function readState(file: string): State | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as State;
  } catch {
    return undefined;
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Alive and really our launcher: guards against a recycled pid and against zombies. */
function isLauncherAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('launcher.Main');
  } catch {
    return true; // no /proc (not Linux): trust kill(0)
  }
}

function portAccepts(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((done) => {
    const socket = net.connect({ host: HOST, port });
    const finish = (ok: boolean): void => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

function onPath(cmd: string): boolean {
  if (path.isAbsolute(cmd)) return fs.existsSync(cmd);
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, cmd)));
}

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code: code ?? 1, output }));
  });
}

const javaCmd = (): string => process.env.NEO4J_LAUNCHER_JAVA ?? 'java';

function checkTools(): void {
  const missing = [javaCmd(), 'mvn'].filter((c) => !onPath(c));
  if (missing.length > 0) {
    throw new Error(
      `Cannot start local Neo4j: ${missing.join(' and ')} not found on PATH. ` +
        'Install a JDK 17 or 21 and Maven 3.8+ (e.g. apt-get install openjdk-17-jdk-headless maven).',
    );
  }
}

/** Hash of everything that shapes the build, so we rebuild only when it changes. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const files = [path.join(LAUNCHER_DIR, 'pom.xml')];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(path.join(LAUNCHER_DIR, 'src'));
  for (const f of files) hash.update(path.relative(LAUNCHER_DIR, f)).update('\0').update(fs.readFileSync(f));
  return hash.digest('hex');
}

async function ensureBuilt(log: (m: string) => void): Promise<void> {
  const hash = sourceHash();
  const built =
    fs.existsSync(path.join(TARGET, 'neo4j-launcher.jar')) &&
    fs.existsSync(path.join(TARGET, 'lib')) &&
    fs.existsSync(STAMP) &&
    fs.readFileSync(STAMP, 'utf8').trim() === hash;
  if (built) return;
  log('Building tools/neo4j-launcher with Maven (first run downloads ~170 MB into ~/.m2)...');
  const t0 = Date.now();
  // clean: copy-dependencies would otherwise leave stale jars of an older Neo4j in target/lib.
  const { code, output } = await run('mvn', ['-B', '-q', 'clean', 'package'], LAUNCHER_DIR);
  if (code !== 0) throw new Error(`Maven build of the Neo4j launcher failed:\n${output.slice(-4000)}`);
  fs.writeFileSync(STAMP, `${hash}\n`);
  log(`Launcher built in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
}

function logTail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Waits for the launcher's single readiness line; also used to join a start in progress. */
async function waitForReady(r: Resolved, pid: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const out = fs.existsSync(r.logFile) ? fs.readFileSync(r.logFile, 'utf8') : '';
    if (/^NEO4J_READY /m.test(out)) return;
    const failed = /^NEO4J_FAILED .*/m.exec(out);
    if (failed || !isLauncherAlive(pid)) {
      throw new Error(`Neo4j launcher (pid ${pid}) exited before ready. Log ${r.logFile}:\n${logTail(r.logFile)}`);
    }
    if (Date.now() > deadline) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      throw new Error(`Neo4j not ready after ${START_TIMEOUT_MS / 1000} s. Log ${r.logFile}:\n${logTail(r.logFile)}`);
    }
    await sleep(200);
  }
}

function removePidFile(r: Resolved): void {
  fs.rmSync(r.pidFile, { force: true }); // the state file stays, so status still knows the port
}

export async function startLocalNeo4j(
  opts: LocalNeo4jOptions = {},
): Promise<{ uri: string; pid: number; reused: boolean }> {
  const r = resolve(opts);
  const uri = uriOf(r.port);
  const pid = readPid(r.pidFile);
  const state = readState(r.stateFile);

  if (pid !== undefined && isLauncherAlive(pid)) {
    if (state && state.port === r.port && state.dataDir === r.dataDir && state.authKey === authKey(r)) {
      await waitForReady(r, pid); // instant if already up; joins a concurrent start otherwise
      if (await portAccepts(r.port)) {
        r.log(`Reusing local Neo4j '${r.name}' (pid ${pid}) at ${uri}`);
        return { uri, pid, reused: true };
      }
    }
    // Different port/auth/data, or not answering: restart it; the data survives a clean stop.
    r.log(`Local Neo4j '${r.name}' (pid ${pid}) runs with other settings or is not answering; restarting it.`);
    await stopLocalNeo4j(opts);
  }
  removePidFile(r);

  checkTools();
  await ensureBuilt(r.log);
  if (await portAccepts(r.port)) {
    throw new Error(`Port ${r.port} is already in use by another process; pick another port.`);
  }

  fs.mkdirSync(r.dataDir, { recursive: true });
  const out = fs.openSync(r.logFile, 'w');
  const t0 = Date.now();
  const child = spawn(
    javaCmd(),
    [
      ...JVM_OPTS,
      ...(process.env.NEO4J_LAUNCHER_JAVA_OPTS?.split(/\s+/).filter(Boolean) ?? []),
      '-cp',
      [path.join(TARGET, 'neo4j-launcher.jar'), path.join(TARGET, 'lib', '*')].join(path.delimiter),
      'launcher.Main',
    ],
    {
      cwd: ROOT,
      // Detached with its own session so it outlives this process and ignores our Ctrl-C.
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        NEO4J_LAUNCHER_PORT: String(r.port),
        NEO4J_LAUNCHER_DATA: r.dataDir,
        // Runs the hottest queries with their recorded parameter shapes before the port opens, so
        // clients meet filled plan caches (tools/neo4j-launcher: Warmup, QueryShapes).
        NEO4J_LAUNCHER_WARMUP: path.join(ROOT, 'cypher', 'warmup.txt'),
        NEO4J_USERNAME: r.username,
        NEO4J_PASSWORD: r.password,
      },
    },
  );
  fs.closeSync(out);
  child.unref();
  if (child.pid === undefined) throw new Error(`Could not spawn ${javaCmd()}`);
  fs.writeFileSync(r.pidFile, `${child.pid}\n`);
  const newState: State = { pid: child.pid, port: r.port, dataDir: r.dataDir, authKey: authKey(r) };
  fs.writeFileSync(r.stateFile, `${JSON.stringify(newState, null, 2)}\n`);

  try {
    await waitForReady(r, child.pid);
  } catch (e) {
    removePidFile(r);
    throw e;
  }
  r.log(`Local Neo4j '${r.name}' ready in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${uri} (pid ${child.pid})`);
  return { uri, pid: child.pid, reused: false };
}

export async function stopLocalNeo4j(opts: LocalNeo4jOptions = {}): Promise<{ stopped: boolean; pid?: number }> {
  const r = resolve(opts, true);
  const pid = readPid(r.pidFile);
  if (pid === undefined || !isLauncherAlive(pid)) {
    removePidFile(r);
    r.log(`Local Neo4j '${r.name}' is not running.`);
    return { stopped: false };
  }
  const t0 = Date.now();
  process.kill(pid, 'SIGTERM'); // the launcher's shutdown hook checkpoints and closes the store
  while (isLauncherAlive(pid) && Date.now() - t0 < STOP_TIMEOUT_MS) await sleep(100);
  if (isLauncherAlive(pid)) {
    r.log(
      `WARNING: Neo4j (pid ${pid}) ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000} s; sending SIGKILL (next start will run recovery).`,
    );
    process.kill(pid, 'SIGKILL');
    while (isLauncherAlive(pid)) await sleep(100);
  }
  // Stopped means the port is free as well, so a start right after cannot find it taken (seen once
  // in CI: "already in use" right after a stop); a process on its way out may still hold it briefly.
  const portDeadline = Date.now() + PORT_RELEASE_TIMEOUT_MS;
  while ((await portAccepts(r.port)) && Date.now() < portDeadline) await sleep(100);
  removePidFile(r);
  r.log(`Local Neo4j '${r.name}' (pid ${pid}) stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  return { stopped: true, pid };
}

export async function localNeo4jStatus(opts: LocalNeo4jOptions = {}): Promise<LocalNeo4jStatus> {
  const r = resolve(opts, true);
  const pid = readPid(r.pidFile);
  const alive = pid !== undefined && isLauncherAlive(pid);
  const running = alive && (await portAccepts(r.port));
  return { running, pid: alive ? pid : undefined, uri: uriOf(r.port), name: r.name, dataDir: r.dataDir };
}
