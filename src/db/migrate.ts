import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { cypher, cypherDir } from './cypher.js';

export const migrationsDir = path.join(cypherDir, 'migrations');

const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.cypher$/;

export interface MigrationFile {
  id: string; // file name without extension, e.g. 001_unique_ids
  file: string;
  checksum: string;
  statements: string[];
}

export class MigrationChecksumError extends Error {
  constructor(readonly file: string) {
    super(
      `Migration ${file} was edited after it was applied (checksum differs). ` +
        'Applied migrations are immutable: revert the edit and add a new migration file instead.',
    );
    this.name = 'MigrationChecksumError';
  }
}

/** Splits a migration into statements: one per `;` at the end of a line; `//` comment lines are dropped. */
function splitStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function readMigrations(dir = migrationsDir): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort();
  return files.map((file) => {
    if (!MIGRATION_FILE.test(file)) {
      throw new Error(`Migration file name ${file} must look like NNN_lower_snake_name.cypher`);
    }
    const text = readFileSync(path.join(dir, file), 'utf8');
    return {
      id: file.replace(/\.cypher$/, ''),
      file,
      checksum: createHash('sha256').update(text).digest('hex'),
      statements: splitStatements(text),
    };
  });
}

async function appliedChecksums(driver: Driver): Promise<Map<string, string>> {
  const { records } = await driver.executeQuery(cypher('migration-log/applied'), {}, { routing: 'READ' });
  return new Map(records.map((r) => [r.get('id') as string, r.get('checksum') as string]));
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

/** Which migration files are applied and which are still pending; an edited applied file throws. */
export async function migrationStatus(driver: Driver, dir = migrationsDir): Promise<MigrationStatus> {
  const files = readMigrations(dir);
  const applied = await appliedChecksums(driver);
  const status: MigrationStatus = { applied: [], pending: [] };
  for (const m of files) {
    const checksum = applied.get(m.id);
    if (checksum === undefined) status.pending.push(m.id);
    else if (checksum !== m.checksum) throw new MigrationChecksumError(m.file);
    else status.applied.push(m.id);
  }
  return status;
}

/**
 * Applies pending migrations in file order and records each as (:Migration {id, checksum, appliedAt}).
 * Schema statements cannot share a transaction with data writes in Neo4j, so each statement runs on
 * its own and the record is written after the last one; every statement uses IF NOT EXISTS, so a
 * migration interrupted half-way is simply re-run.
 */
export async function runMigrations(driver: Driver, dir = migrationsDir): Promise<{ applied: string[] }> {
  const { pending } = await migrationStatus(driver, dir); // throws first on an edited applied file
  const files = readMigrations(dir).filter((m) => pending.includes(m.id));
  for (const m of files) {
    for (const statement of m.statements) {
      await driver.executeQuery(statement);
    }
    await driver.executeQuery(cypher('migration-log/record'), { id: m.id, checksum: m.checksum });
  }
  return { applied: files.map((m) => m.id) };
}
