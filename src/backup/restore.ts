import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import neo4j, { type Driver, type Transaction } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import { readMigrations } from '../db/migrate.js';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  ContentHasher,
  decodeProps,
  type EndLine,
  type Header,
  type NodeLine,
  type RelLine,
} from './format.js';
import { graphContentHash } from './graph-scan.js';

/** The file is not a backup this version can restore (format, version, checksum or content). */
export class InvalidBackup extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidBackup';
  }
}

/** The database holds roadmap content and --force was not given. */
export class DatabaseNotEmpty extends Error {
  constructor(readonly nodes: number) {
    super(
      `The database is not empty (${nodes} nodes besides migration records). Restore into an empty database, or pass --force to replace its content.`,
    );
    this.name = 'DatabaseNotEmpty';
  }
}

const BATCH = 1000;

type Line = { header: Header } | { node: NodeLine } | { rel: RelLine } | { end: EndLine };

/** Every line of the file but the last (the `end` line), parsed, with the checksum of their bytes. */
async function* lines(file: string, checksum?: ReturnType<typeof createHash>): AsyncGenerator<Line, EndLine> {
  const reader = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let previous: string | undefined;
  let number = 0;
  for await (const text of reader) {
    if (previous !== undefined) {
      checksum?.update(`${previous}\n`);
      yield parse(previous, number - 1, number === 1);
    }
    previous = text;
    number += 1;
  }
  if (previous === undefined) throw new InvalidBackup('The file is empty.');
  const last = parse(previous, number - 1, number === 1);
  if (!('end' in last)) throw new InvalidBackup('The file is truncated: its last line is not the end record.');
  return last.end;
}

function parse(text: string, lineNumber: number, first: boolean): Line {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidBackup(`Line ${lineNumber + 1} is not JSON.`);
  }
  if (first) {
    const header = value as Partial<Header>;
    if (header.format !== BACKUP_FORMAT) throw new InvalidBackup(`Not a roadmap backup (format ${header.format}).`);
    if (header.version !== BACKUP_VERSION) {
      throw new InvalidBackup(
        `Backup format version ${header.version} is not supported (this tool reads ${BACKUP_VERSION}).`,
      );
    }
    return { header: header as Header };
  }
  if (value && typeof value === 'object' && ('node' in value || 'rel' in value || 'end' in value)) return value as Line;
  throw new InvalidBackup(`Line ${lineNumber + 1} is neither a node, a relationship nor the end record.`);
}

export interface BackupCheck {
  header: Header;
  end: EndLine;
}

/**
 * Reads the whole file once without touching any database: format and version, SHA-256 checksum,
 * node/relationship counts and the content hash must all match the end record.
 */
export async function verifyBackup(file: string): Promise<BackupCheck> {
  const checksum = createHash('sha256');
  const hasher = new ContentHasher();
  const it = lines(file, checksum);
  let header: Header | undefined;
  for (;;) {
    const next = await it.next();
    if (next.done) {
      const end = next.value;
      if (!header) throw new InvalidBackup('The file has no header line.');
      if (checksum.digest('hex') !== end.checksum) throw new InvalidBackup('Checksum mismatch: the file is corrupted.');
      const counts = hasher.counts;
      if (counts.nodes !== end.nodes || counts.relationships !== end.relationships) {
        throw new InvalidBackup(
          `The file holds ${counts.nodes} nodes and ${counts.relationships} relationships; its end record says ${end.nodes} and ${end.relationships}.`,
        );
      }
      if (hasher.digest() !== end.contentHash) throw new InvalidBackup('Content hash mismatch: the file is corrupted.');
      return { header, end };
    }
    const line = next.value;
    if ('header' in line) header = line.header;
    else if ('node' in line) hasher.addNode(line.node.key, line.node.labels, line.node.props);
    else if ('rel' in line) hasher.addRelationship(line.rel.type, line.rel.from, line.rel.to, line.rel.props);
  }
}

async function contentNodes(tx: Transaction | Driver): Promise<number> {
  const result =
    'executeQuery' in tx ? await tx.executeQuery(cypher('backup/counts')) : await tx.run(cypher('backup/counts'));
  return Number(result.records[0]!.get('content'));
}

export interface RestoreSummary extends BackupCheck {
  tookMs: number;
}

/**
 * Restores a verified backup, all-or-nothing: the schema (constraints and indexes of the
 * migrations, which Neo4j cannot create inside a data transaction) is applied first, then ONE
 * write transaction removes whatever is there (only with `force`, or migration records alone),
 * creates every node and relationship in batches, recomputes the content hash of the result and
 * commits only if it equals the backup's. Any failure rolls the whole transaction back.
 */
export async function restoreBackup(
  driver: Driver,
  file: string,
  opts: { force?: boolean } = {},
): Promise<RestoreSummary> {
  const started = Date.now();
  const check = await verifyBackup(file);
  const existing = await contentNodes(driver);
  if (existing > 0 && !opts.force) throw new DatabaseNotEmpty(existing);

  for (const migration of readMigrations()) {
    for (const statement of migration.statements) await driver.executeQuery(statement);
  }

  const session = driver.session({ defaultAccessMode: 'WRITE' });
  const tx = session.beginTransaction();
  try {
    const stillExisting = await contentNodes(tx);
    if (stillExisting > 0 && !opts.force) throw new DatabaseNotEmpty(stillExisting);
    await tx.run(cypher('backup/wipe'));

    const ids = new Map<number, string>();
    let nodes: { key: number; labels: string[]; props: Record<string, unknown> }[] = [];
    let rels: { type: string; from: string; to: string; props: Record<string, unknown> }[] = [];
    const flushNodes = async () => {
      if (nodes.length === 0) return;
      const result = await tx.run(cypher('backup/restore-nodes'), { nodes });
      for (const r of result.records) ids.set(neo4j.integer.toNumber(r.get('key')), r.get('id') as string);
      nodes = [];
    };
    const flushRels = async () => {
      if (rels.length === 0) return;
      await tx.run(cypher('backup/restore-relationships'), { relationships: rels });
      rels = [];
    };
    const it = lines(file);
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      const line = next.value;
      if ('node' in line) {
        nodes.push({ key: line.node.key, labels: line.node.labels, props: decodeProps(line.node.props) });
        if (nodes.length >= BATCH) await flushNodes();
      } else if ('rel' in line) {
        await flushNodes();
        const from = ids.get(line.rel.from);
        const to = ids.get(line.rel.to);
        if (from === undefined || to === undefined) throw new InvalidBackup('A relationship refers to a missing node.');
        rels.push({ type: line.rel.type, from, to, props: decodeProps(line.rel.props) });
        if (rels.length >= BATCH) await flushRels();
      }
    }
    await flushNodes();
    await flushRels();

    const restored = await graphContentHash(tx);
    if (
      restored.contentHash !== check.end.contentHash ||
      restored.nodes !== check.end.nodes ||
      restored.relationships !== check.end.relationships
    ) {
      throw new Error(
        `The restored graph differs from the backup (${restored.nodes} nodes, ${restored.relationships} relationships, hash ${restored.contentHash}); nothing was changed.`,
      );
    }
    await tx.commit();
    return { ...check, tookMs: Date.now() - started };
  } catch (error) {
    if (tx.isOpen()) await tx.rollback().catch(() => {});
    throw error;
  } finally {
    await session.close();
  }
}
