/**
 * The real lifecycle, end to end, on a Neo4j instance of its own (port 7697, or NEO4J_TEST_PORT + 100; data in
 * .neo4j/e2e-data, never the dev or shared test database):
 *   - `npm start` provisions Neo4j, migrates, seeds and serves; /readyz reports 5.26 community;
 *   - while the API runs, Neo4j is really stopped: /readyz and API routes turn 503 + Retry-After,
 *     the API keeps running, and it recovers by itself when Neo4j is started again;
 *   - SIGTERM stops the API and the Neo4j it started; a second `npm start` reuses the data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j.js';

// A port of its own; derived from NEO4J_TEST_PORT so that suites run side by side do not collide.
const NEO4J_PORT = process.env.NEO4J_TEST_PORT ? Number(process.env.NEO4J_TEST_PORT) + 100 : 7697;
const DATA_DIR = '.neo4j/e2e-data';
const INSTANCE = { port: NEO4J_PORT, dataDir: DATA_DIR, name: `dev-${NEO4J_PORT}`, log: () => {} };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function npmStart(apiPort: number): Started {
  let output = '';
  const child = spawn('npm', ['start'], {
    env: {
      ...process.env,
      NEO4J_URI: `bolt://127.0.0.1:${NEO4J_PORT}`,
      NEO4J_USERNAME: 'neo4j',
      NEO4J_PASSWORD: 'e2e-password',
      NEO4J_DATA_DIR: DATA_DIR,
      PORT: String(apiPort),
      RETRY_AFTER_SECONDS: '3',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const get = (port: number, path: string) => fetch(`http://127.0.0.1:${port}${path}`);

describe('npm start, a real Neo4j outage, SIGTERM and restart', () => {
  let running: Started | undefined;
  rmSync(DATA_DIR, { recursive: true, force: true });

  afterAll(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    await stopLocalNeo4j(INSTANCE);
  });

  it('serves on a fresh data folder, survives a Neo4j stop/start, stops cleanly, and reuses the data', async () => {
    const apiPort = await freePort();
    running = npmStart(apiPort);
    const ready = await waitFor(
      async () => {
        const r = await get(apiPort, '/readyz');
        return r.status === 200 ? ((await r.json()) as { neo4j: { version: string; edition: string } }) : undefined;
      },
      300_000,
      `npm start to be ready\n${running.output()}`,
    );
    expect(ready.neo4j.version).toMatch(/^5\.26\./);
    expect(ready.neo4j.edition).toBe('community');
    expect(running.output()).toContain('seed: loaded');
    // The API runs compiled JavaScript (npm start builds dist/ when it is missing or stale), not tsx.
    expect(running.output()).toMatch(/from dist\/server\.js/);
    const c2 = (await (await get(apiPort, '/v1/action-lines/C2')).json()) as {
      data: { facilitators: { entityId: string; role: string }[] };
    };
    expect(c2.data.facilitators).toContainEqual(expect.objectContaining({ entityId: 'ITU', role: 'lead' }));

    // Neo4j really stops while the API keeps running.
    await stopLocalNeo4j(INSTANCE);
    for (const path of ['/readyz', '/v1/action-lines', '/v1/matrix']) {
      const r = await get(apiPort, path);
      expect(r.status, path).toBe(503);
      expect(r.headers.get('retry-after'), path).toBe('3');
      expect(r.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
    }
    expect((await get(apiPort, '/livez')).status).toBe(200);
    expect(running.child.exitCode).toBeNull();

    // Neo4j comes back (same data); the API recovers without a restart.
    await startLocalNeo4j({ ...INSTANCE, username: 'neo4j', password: 'e2e-password' });
    await waitFor(async () => ((await get(apiPort, '/readyz')).status === 200 ? true : undefined), 120_000, 'recovery');
    expect((await get(apiPort, '/v1/action-lines/C2')).status).toBe(200);

    // SIGTERM stops the API, then the Neo4j instance npm start provisioned (pid file of that instance).
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    await expect(get(apiPort, '/livez')).rejects.toThrow();
    expect((await localNeo4jStatus(INSTANCE)).running).toBe(false);

    // A second npm start starts Neo4j on the same data folder and finds the roadmap already there.
    running = npmStart(apiPort);
    await waitFor(
      async () => ((await get(apiPort, '/readyz')).status === 200 ? true : undefined),
      300_000,
      `second npm start\n${running.output()}`,
    );
    expect(running.output()).toContain('graph already holds the roadmap');
    running.child.kill('SIGTERM');
    await running.exited;
    // The Neo4j this npm start launched is stopped with it.
    expect((await localNeo4jStatus(INSTANCE)).running).toBe(false);
  }, 900_000);
});
