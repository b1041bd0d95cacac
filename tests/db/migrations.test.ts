import { cpSync, mkdtempSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import {
  MigrationChecksumError,
  migrationStatus,
  migrationsDir,
  readMigrations,
  runMigrations,
} from '../../src/db/migrate.js';
import { openTestDriver, resetDatabase } from '../helpers/neo4j.js';

describe('migrations (cypher/migrations/NNN_name.cypher)', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = openTestDriver();
    await resetDatabase(driver); // also removes Migration records, so every file is pending again
  });
  afterAll(async () => {
    await runMigrations(driver); // leave the database migrated for the suites after this one
    await driver.close();
  });

  it('applies every file in order, records id, checksum and appliedAt, and creates the constraints', async () => {
    const files = readMigrations().map((m) => m.id);
    const { applied } = await runMigrations(driver);
    expect(applied).toEqual(files);
    const { records } = await driver.executeQuery('MATCH (m:Migration) RETURN m ORDER BY m.id');
    expect(records.map((r) => r.get('m').properties.id)).toEqual(files);
    for (const r of records) {
      expect(r.get('m').properties.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(Date.parse(r.get('m').properties.appliedAt)).not.toBeNaN();
    }
    const constraints = await driver.executeQuery(
      'SHOW CONSTRAINTS YIELD labelsOrTypes RETURN collect(labelsOrTypes[0]) AS labels',
    );
    expect(constraints.records[0]!.get('labels')).toEqual(
      expect.arrayContaining([
        'ActionLine',
        'GdcObjective',
        'GdcCommitment',
        'Sdg',
        'SdgTarget',
        'SdgIndicator',
        'Entity',
      ]),
    );
    const indexes = await driver.executeQuery('SHOW FULLTEXT INDEXES YIELD name RETURN collect(name) AS names');
    expect(indexes.records[0]!.get('names')).toContain('roadmap_text');
  });

  it('a re-run is a no-op', async () => {
    const { applied } = await runMigrations(driver);
    expect(applied).toEqual([]);
    expect((await migrationStatus(driver)).pending).toEqual([]);
  });

  it('a new file is pending until applied', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
    cpSync(migrationsDir, dir, { recursive: true });
    writeFileSync(
      path.join(dir, '999_test_index.cypher'),
      'CREATE INDEX test_only IF NOT EXISTS FOR (n:TestOnly) ON (n.x);\n',
    );
    expect((await migrationStatus(driver, dir)).pending).toEqual(['999_test_index']);
    expect((await runMigrations(driver, dir)).applied).toEqual(['999_test_index']);
    await driver.executeQuery('DROP INDEX test_only IF EXISTS');
    await driver.executeQuery("MATCH (m:Migration {id: '999_test_index'}) DELETE m");
  });

  it('refuses an edited, already-applied migration, naming the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
    cpSync(migrationsDir, dir, { recursive: true });
    appendFileSync(path.join(dir, '001_unique_ids.cypher'), '// edited after it was applied\n');
    await expect(runMigrations(driver, dir)).rejects.toThrow(MigrationChecksumError);
    await expect(runMigrations(driver, dir)).rejects.toThrow(/001_unique_ids\.cypher/);
  });
});
