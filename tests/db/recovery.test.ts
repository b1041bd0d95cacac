/**
 * Db after an outage (src/db/db.ts): for a while consistent reads take turns, so a restarted
 * Neo4j plans one read's queries at a time while writes go on. Neo4j is cut off through a proxy.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../src/db/db.js';
import { testNeo4j } from '../helpers/neo4j.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** How many of `n` read passes started at once were running at the same time, at most. */
async function concurrencyOf(db: Db, n: number): Promise<number> {
  let running = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: n }, () =>
      db.readTurn(async () => {
        running += 1;
        most = Math.max(most, running);
        await sleep(50);
        running -= 1;
      }),
    ),
  );
  return most;
}

describe('Db after an outage', () => {
  let proxy: TcpProxy;
  let driver: Driver;
  beforeAll(async () => {
    const { uri, username, password } = testNeo4j();
    const target = new URL(uri.replace(/^(bolt|neo4j)/, 'http'));
    proxy = new TcpProxy(target.hostname, Number(target.port || 7687));
    await proxy.start();
    driver = neo4j.driver(`bolt://127.0.0.1:${proxy.port}`, neo4j.auth.basic(username, password ?? ''), {
      disableLosslessIntegers: true,
      logging: { level: 'error', logger: () => {} },
    });
  });
  afterAll(async () => {
    await driver?.close();
    await proxy?.stop();
  });

  it('lets consistent reads take turns once Neo4j is back, and not before an outage', async () => {
    const db = new Db(driver, { maxRetryTimeMs: 1000, unavailableTimeoutMs: 300 });
    try {
      await db.query('revision/value');
      expect(await concurrencyOf(db, 3)).toBe(3);

      await proxy.stop();
      await expect(db.query('revision/value')).rejects.toThrow();
      expect(db.available).toBe(false);
      await proxy.start();
      for (let i = 0; i < 100 && !db.available; i++) await sleep(100);
      expect(db.available).toBe(true);

      expect(await concurrencyOf(db, 3)).toBe(1);
    } finally {
      db.close();
    }
  });
});
