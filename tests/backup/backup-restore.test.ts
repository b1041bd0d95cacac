/**
 * Backup and restore through the real CLIs (npm run backup / npm run restore) on the test Neo4j:
 * a seeded and edited graph is backed up while the API runs, the database is wiped down to
 * nothing (schema included), the backup is restored, and the API answers identically: same
 * ETags and bodies on the matrix, gaps, links and changes; same counts and content hash.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../../src/backup/backup.js';
import { graphContentHash } from '../../src/backup/graph-scan.js';
import { InvalidBackup, restoreBackup, verifyBackup } from '../../src/backup/restore.js';
import { clearRevisionCaches } from '../../src/lib/matrix-cache.js';
import { buildTestApp } from '../helpers/app.js';
import { editingFixture, testSource, type EditingFixture } from '../helpers/editing.js';
import { resetDatabase, testNeo4j } from '../helpers/neo4j.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-backup-'));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { uri, username, password } = testNeo4j();
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/backup/cli.ts', ...args], {
    env: { ...process.env, NEO4J_URI: uri, NEO4J_USERNAME: username, NEO4J_PASSWORD: password },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A driver that keeps integers exact (as the backup tool does), for content hashes. */
function losslessDriver(): Driver {
  const { uri, username, password } = testNeo4j();
  return neo4j.driver(uri, neo4j.auth.basic(username, password), { logging: { level: 'error', logger: () => {} } });
}

async function contentOf(driver: Driver) {
  const session = driver.session();
  const tx = session.beginTransaction();
  try {
    return await graphContentHash(tx);
  } finally {
    await tx.rollback();
    await session.close();
  }
}

/** Removes every node, relationship, constraint and index: a database as fresh as a new install. */
async function wipeEverything(driver: Driver): Promise<void> {
  await resetDatabase(driver);
  for (const kind of ['CONSTRAINTS', 'INDEXES']) {
    const { records } = await driver.executeQuery(`SHOW ${kind} YIELD name, type RETURN name, type`);
    for (const r of records) {
      if (r.get('type') === 'LOOKUP') continue; // the built-in token lookup indexes stay
      await driver.executeQuery(
        `DROP ${kind === 'CONSTRAINTS' ? 'CONSTRAINT' : 'INDEX'} \`${r.get('name')}\` IF EXISTS`,
      );
    }
  }
}

const READS = [
  '/v1/matrix',
  '/v1/matrix?rows=action-lines&cols=entities',
  '/v1/matrix?rows=action-lines&cols=sdgs&derived=true&format=csv',
  '/v1/matrix?format=xlsx',
  '/v1/gaps',
  '/v1/links?limit=500',
  '/v1/links?format=csv',
  '/v1/changes?limit=500',
  '/v1/action-lines/C2',
  '/v1/entities?limit=500',
  '/v1/api-keys',
];

describe('backup and restore', () => {
  let f: EditingFixture;
  let lossless: Driver;
  const answers = new Map<string, { status: number; etag: unknown; body: string }>();
  const snapshot = async (app = f.app) => {
    const out = new Map<string, { status: number; etag: unknown; body: string }>();
    for (const url of READS) {
      const r = await app.inject({ method: 'GET', url, headers: f.as('admin') });
      // XLSX files carry their creation time; compare what they say, not their zip bytes.
      const body = url.includes('xlsx') ? String(r.headers['content-length']) : r.body;
      out.set(url, { status: r.statusCode, etag: r.headers.etag, body });
    }
    return out;
  };

  beforeAll(async () => {
    f = await editingFixture();
    lossless = losslessDriver();
    // Edits, so the change log, revision and link properties written by the API are in the backup.
    for (const [line, entity] of [
      ['C2', 'UNESCO'],
      ['C7', 'ITU'],
    ]) {
      const r = await f.app.inject({
        method: 'PUT',
        url: `/v1/action-lines/${line}/facilitators/${entity}`,
        headers: f.as('editor'),
        payload: { role: 'partner', source: testSource, reason: 'backup test' },
      });
      expect(r.statusCode, r.body).toBeLessThan(300);
    }
    const del = await f.app.inject({
      method: 'DELETE',
      url: '/v1/action-lines/C2/facilitators/UNESCO?reason=undo',
      headers: f.as('editor'),
    });
    expect(del.statusCode, del.body).toBe(204);
    // Key last-used times are written in batches off the request path (src/lib/key-usage.ts): read once,
    // write the times the reads noted, then take the answers, so no batch lands between them and the backup.
    await snapshot();
    await f.app.keyUsage.flush();
    for (const [url, a] of await snapshot()) answers.set(url, a);
    await f.app.keyUsage.flush();
  });
  afterAll(async () => {
    await lossless.close();
    await f.close();
  });

  it('restores a seeded and edited graph into a wiped database, and the API answers identically', async () => {
    const before = await contentOf(lossless);
    const file = path.join(dir, 'roadmap.jsonl');
    const backup = cli('backup', '--out', file);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(before.contentHash);

    await wipeEverything(f.driver);
    expect((await contentOf(lossless)).nodes).toBe(0);

    const restore = cli('restore', file);
    expect(restore.status, restore.stderr).toBe(0);
    expect(await contentOf(lossless)).toEqual(before);

    clearRevisionCaches();
    const app = await buildTestApp();
    try {
      const after = await snapshot(app);
      for (const url of READS) {
        expect(after.get(url), url).toEqual(answers.get(url));
        expect(after.get(url)?.status, url).toBe(200);
      }
    } finally {
      await app.close();
    }
  });

  it('refuses a non-empty database without --force and replaces it with --force', async () => {
    const file = path.join(dir, 'again.jsonl');
    await writeBackup(lossless, file);
    const before = await contentOf(lossless);
    await f.driver.executeQuery("CREATE (:Entity {id: 'AFTER-BACKUP', name: 'Added after the backup'})");
    const changed = await contentOf(lossless);

    const refused = cli('restore', file);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toMatch(/not empty/);
    expect(await contentOf(lossless)).toEqual(changed);

    await restoreBackup(lossless, file, { force: true });
    expect(await contentOf(lossless)).toEqual(before);
  });

  it('validates checksum and format version before writing anything', async () => {
    const file = path.join(dir, 'valid.jsonl');
    await writeBackup(lossless, file);
    const text = readFileSync(file, 'utf8');
    await resetDatabase(f.driver);

    const corrupt = path.join(dir, 'corrupt.jsonl');
    writeFileSync(corrupt, text.replace('"createdAt":"', '"createdAt":"1'));
    const bad = cli('restore', corrupt);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Checksum mismatch/);

    const future = path.join(dir, 'future.jsonl');
    writeFileSync(future, text.replace('"version":1', '"version":2'));
    await expect(restoreBackup(lossless, future)).rejects.toThrow(/version 2 is not supported/);

    const truncated = path.join(dir, 'truncated.jsonl');
    writeFileSync(truncated, text.split('\n').slice(0, -3).join('\n'));
    await expect(restoreBackup(lossless, truncated)).rejects.toThrow(InvalidBackup);

    expect((await contentOf(lossless)).nodes).toBe(0);
    await restoreBackup(lossless, file);
    expect((await verifyBackup(file)).end.contentHash).toBe((await contentOf(lossless)).contentHash);
  });

  it('keeps every property type exact and works in batches on a larger graph', async () => {
    await resetDatabase(f.driver);
    // 2,500 nodes and 2,499 relationships: more than one restore batch of each.
    await f.driver.executeQuery(
      `UNWIND range(0, 2499) AS i
       CREATE (n:Bulk:Extra {i: i, f: toFloat(i) / 3, whole: 2.0, s: 'n' + i, b: i % 2 = 0,
         at: datetime({epochMillis: 1700000000000 + i, nanosecond: 123456789}),
         zoned: datetime('2025-03-30T02:30:00.000000001[Europe/Paris]'),
         d: date('2025-01-31'), lt: localtime('12:34:56.789'), dur: duration('P1Y2M3DT4H5.000000006S'),
         p: point({x: 1.5, y: -2}), ints: [1, 2, 3], words: ['a', 'b'], big: 9007199254740993})`,
    );
    await f.driver.executeQuery(
      'MATCH (a:Bulk), (b:Bulk) WHERE b.i = a.i + 1 CREATE (a)-[:NEXT {gap: b.i - a.i, w: 0.5}]->(b)',
    );
    const before = await contentOf(lossless);
    expect(before).toMatchObject({ nodes: 2500, relationships: 2499 });
    const file = path.join(dir, 'bulk.jsonl');
    await writeBackup(lossless, file);
    await resetDatabase(f.driver);
    await restoreBackup(lossless, file);
    expect(await contentOf(lossless)).toEqual(before);
    const { records } = await lossless.executeQuery(
      'MATCH (n:Bulk {i: 7}) RETURN n.big AS big, n.whole AS whole, n.at AS at, n.zoned AS zoned',
    );
    const row = records[0]!;
    expect(row.get('big').toString()).toBe('9007199254740993');
    expect(neo4j.isInt(row.get('whole'))).toBe(false);
    expect(row.get('at').nanosecond.toNumber()).toBe(123456789);
    expect(row.get('zoned').timeZoneId).toBe('Europe/Paris');
  });
});
