import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { readMigrations, runMigrations } from '../../src/db/migrate.js';
import { buildTestApp, expectProblem } from '../helpers/app.js';
import { openTestDriver, testNeo4j } from '../helpers/neo4j.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!ok(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    last = await probe();
  }
  return last;
}

describe('health', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = openTestDriver();
    await runMigrations(driver);
  });
  afterAll(async () => driver.close());

  it('/livez answers without touching Neo4j', async () => {
    const app = await buildTestApp({ NEO4J_URI: 'bolt://127.0.0.1:1' });
    const response = await app.inject({ method: 'GET', url: '/livez' });
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('live');
  });

  it('/readyz reports Neo4j 5.26 community and no pending migration', async () => {
    const app = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    await app.close();
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('ready');
    expect(body.neo4j.version).toMatch(/^5\.26\./);
    expect(body.neo4j.edition).toBe('community');
    expect(body.migrations.pending).toBe(0);
    // Every migration file in cypher/migrations is applied, none pending.
    expect(body.migrations.applied).toBe(readMigrations().length);
  });

  it('/readyz proves a write commits, and leaves neither a node nor a new revision behind', async () => {
    const count = async () =>
      (await driver.executeQuery('MATCH (n) RETURN count(n) AS n, max(n.value) AS revision')).records[0]!.toObject();
    const before = await count();
    const app = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(await count()).toEqual(before);
  });

  it('/readyz is 503 while a migration is pending', async () => {
    await driver.executeQuery("MATCH (m:Migration {id: '003_change_log_indexes'}) DETACH DELETE m");
    const app = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    await app.close();
    await runMigrations(driver);
    expect(response.statusCode).toBe(503);
    expect(expectProblem(response).detail).toContain('003_change_log_indexes');
  });

  describe('while Neo4j is away (connections cut by a proxy), without restarting the API', () => {
    let proxy: TcpProxy;
    let app: FastifyInstance;
    beforeAll(async () => {
      const target = new URL(testNeo4j().uri.replace(/^(bolt|neo4j)/, 'http'));
      proxy = new TcpProxy(target.hostname, Number(target.port || 7687));
      await proxy.start();
      app = await buildTestApp({ NEO4J_URI: `bolt://127.0.0.1:${proxy.port}` });
    });
    afterAll(async () => {
      await app.close();
      await proxy.stop();
    });

    it('turns 503 with Retry-After, on /readyz and on every API route, then recovers by itself', async () => {
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/v1/action-lines' })).statusCode).toBe(200);

      await proxy.stop();
      for (const url of ['/readyz', '/v1/action-lines', '/v1/action-lines/C2']) {
        const started = Date.now();
        const response = await app.inject({ method: 'GET', url });
        // Default NEO4J_UNAVAILABLE_TIMEOUT_MS is 1000: the 503 comes at once, not after driver back-off.
        expect(Date.now() - started, url).toBeLessThan(1500);
        expect(response.statusCode, url).toBe(503);
        expect(response.headers['retry-after'], url).toBe('7');
        expect(expectProblem(response).type).toBe('/problems/database-unavailable');
      }
      // The process is still serving what does not need the database.
      expect((await app.inject({ method: 'GET', url: '/livez' })).statusCode).toBe(200);

      await proxy.start(); // same port: Neo4j is "back"
      const ready = await eventually(
        () => app.inject({ method: 'GET', url: '/readyz' }),
        (r) => r.statusCode === 200,
      );
      expect(ready.statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/v1/action-lines' })).statusCode).toBe(200);
    });
  });
});
