import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Driver } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import { BACKUP_FORMAT, BACKUP_VERSION, ContentHasher, type EndLine, type Header, type Props } from './format.js';
import { scanGraph } from './graph-scan.js';

const withoutKey = (props: Props, key: string): Props =>
  Object.fromEntries(Object.entries(props).filter(([k]) => k !== key));

export interface BackupSummary extends EndLine {
  file: string;
  revision: number;
  /** How long roadmap writers were held back (the dump's transaction holds the revision lock). */
  lockedMs: number;
}

/**
 * Writes a backup of the whole database to `file` (see format.ts). The dump runs in ONE
 * transaction that first takes the graph revision's write lock — the lock every roadmap write
 * takes first — so it is one committed state: writers wait for the dump, readers do not. The
 * transaction changes nothing and is rolled back. The file appears only when complete (written
 * next to it, then renamed).
 */
export async function writeBackup(driver: Driver, file: string): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  const checksum = createHash('sha256');
  const write = async (value: unknown) => {
    const line = `${JSON.stringify(value)}\n`;
    checksum.update(line);
    if (!out.write(line)) await once(out, 'drain');
  };

  const session = driver.session({ defaultAccessMode: 'WRITE' });
  const tx = session.beginTransaction();
  const hasher = new ContentHasher();
  let revision = 0;
  const locked = Date.now();
  let lockedMs = 0;
  try {
    revision = Number((await tx.run(cypher('revision/hold'))).records[0]!.get('revision'));
    const [component] = (await tx.run(cypher('health/components'))).records;
    const header: Header = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      revision,
      neo4j: `${component?.get('version') ?? 'unknown'} ${component?.get('edition') ?? ''}`.trim(),
    };
    await write(header);
    const keys = new Map<string, number>();
    await scanGraph(
      tx,
      async (id, labels, rawProps) => {
        // Announcements of writes in flight are not part of the state (src/db/consistency.ts):
        // a restored graph starts with none.
        const props = labels.includes('GraphRevision') ? withoutKey(rawProps, 'pending') : rawProps;
        const key = keys.size;
        keys.set(id, key);
        hasher.addNode(key, labels, props);
        await write({ node: { key, labels, props } });
      },
      async (type, fromId, toId, props) => {
        const from = keys.get(fromId)!;
        const to = keys.get(toId)!;
        hasher.addRelationship(type, from, to, props);
        await write({ rel: { type, from, to, props } });
      },
    );
    await tx.rollback();
    lockedMs = Date.now() - locked;
    const end: EndLine = { ...hasher.counts, contentHash: hasher.digest(), checksum: checksum.digest('hex') };
    const line = `${JSON.stringify({ end })}\n`;
    if (!out.write(line)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    await rename(partial, file);
    return { ...end, file, revision, lockedMs };
  } catch (error) {
    if (tx.isOpen()) await tx.rollback().catch(() => {});
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  } finally {
    await session.close();
  }
}
