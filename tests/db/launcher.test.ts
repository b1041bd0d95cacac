import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDriver, testNeo4j } from '../helpers/neo4j.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { source, uri, instance } = testNeo4j();
const fromLauncher = source === 'launcher';

describe('test database harness', () => {
  let driver: Driver;
  beforeAll(() => {
    driver = openTestDriver();
  });
  afterAll(async () => {
    await driver.close();
  });

  it('connects to Neo4j 5 (5.26 Community when it is the local launcher)', async () => {
    const { records } = await driver.executeQuery(
      "CALL dbms.components() YIELD name, versions, edition WHERE name = 'Neo4j Kernel' RETURN versions[0] AS version, edition",
    );
    const version = String(records[0]?.get('version'));
    const edition = String(records[0]?.get('edition'));
    expect(version).toMatch(/^5\./);
    if (fromLauncher) {
      expect(version).toMatch(/^5\.26\./);
      expect(edition).toBe('community');
    }
  });

  it('writes and reads back a node', async () => {
    const id = randomUUID();
    await driver.executeQuery('CREATE (:HarnessProbe {id: $id, n: 42})', { id });
    try {
      const { records } = await driver.executeQuery('MATCH (p:HarnessProbe {id: $id}) RETURN p.n AS n', { id });
      expect(records.map((r) => r.get('n'))).toEqual([42]);
    } finally {
      await driver.executeQuery('MATCH (p:HarnessProbe {id: $id}) DELETE p', { id });
    }
  });

  it.runIf(fromLauncher)('`tsx tools/db.ts status` reports the test instance running', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'tools/db.ts',
        'status',
        '--name',
        instance?.name ?? 'test',
        '--data',
        instance?.dataDir ?? '.neo4j/test-data',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toMatch(new RegExp(`^running pid=\\d+ uri=${uri.replace(/\./g, '\\.')} name=`));
  });

  it.runIf(fromLauncher)('warms the listed queries up before the port opens, and every listed query exists', () => {
    const listed = readFileSync(path.join(ROOT, 'cypher', 'warmup.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(listed.length).toBeGreaterThan(0);
    for (const name of listed) expect(existsSync(path.join(ROOT, 'cypher', `${name}.cypher`)), name).toBe(true);
    const dataDir = path.resolve(ROOT, instance?.dataDir ?? '.neo4j/test-data');
    const log = readFileSync(path.join(path.dirname(dataDir), `${instance?.name ?? 'test'}.log`), 'utf8');
    // A new data folder has no recorded shapes: its listed queries are only planned (EXPLAIN).
    const warm =
      /^NEO4J_WARMUP ran (\d+) of (\d+) recorded shapes and planned (\d+) more of (\d+) listed queries \((\d+) failed\)/m.exec(
        log,
      );
    expect(warm, log.slice(0, 2000)).not.toBeNull();
    const [ran, recorded, planned, listedInLog, failed] = warm!.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    expect(ran + planned).toBeGreaterThan(0);
    expect(ran).toBeLessThanOrEqual(recorded);
    expect(listedInLog).toBe(listed.length);
    expect(failed).toBe(0);
    expect(log.indexOf('NEO4J_WARMUP')).toBeLessThan(log.indexOf('NEO4J_READY'));
  });
});
