import type { ManagedTransaction } from 'neo4j-driver';
import type { Version } from '../schemas/versions.js';
import { run } from './db.js';

/** Version nodes: stored flat (Neo4j properties cannot be maps), shown with the endorsement as one object. */
type StoredVersion = Omit<Version, 'endorsement' | 'description'> & {
  description?: string | null;
  endorsementBody?: string | null;
  endorsementDate?: string | null;
  endorsementDocumentRef?: string | null;
  endorsedAt?: string | null;
  endorsedBy?: string | null;
};

export function versionOf(v: StoredVersion): Version {
  return {
    id: v.id,
    name: v.name,
    description: v.description ?? null,
    revision: v.revision,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    endorsement:
      v.endorsementBody && v.endorsementDate && v.endorsementDocumentRef && v.endorsedAt && v.endorsedBy
        ? {
            body: v.endorsementBody,
            date: v.endorsementDate,
            documentRef: v.endorsementDocumentRef,
            recordedAt: v.endorsedAt,
            recordedBy: v.endorsedBy,
          }
        : null,
  };
}

export async function getVersion(tx: ManagedTransaction, id: string): Promise<Version | undefined> {
  const [row] = await run<{ version: StoredVersion }>(tx, 'versions/get', { id });
  return row ? versionOf(row.version) : undefined;
}

export async function listVersions(tx: ManagedTransaction): Promise<Version[]> {
  return (await run<{ version: StoredVersion }>(tx, 'versions/list')).map((r) => versionOf(r.version));
}

/** The id the next version gets and whether a name is taken (inside the write path's lock). */
export async function nextVersionSlot(
  tx: ManagedTransaction,
  name: string,
): Promise<{ id: string; nameTaken: boolean }> {
  const [row] = await run<{ total: number; nameTaken: boolean }>(tx, 'versions/count-and-name', { name });
  return { id: `v${(row?.total ?? 0) + 1}`, nameTaken: row?.nameTaken ?? false };
}

export async function createVersion(tx: ManagedTransaction, version: Omit<Version, 'endorsement'>): Promise<Version> {
  const [row] = await run<{ version: StoredVersion }>(tx, 'versions/create', { version });
  return versionOf(row!.version);
}

export async function endorseVersion(
  tx: ManagedTransaction,
  id: string,
  endorsement: { body: string; date: string; documentRef: string },
  actor: string,
  at: string,
): Promise<Version> {
  const [row] = await run<{ version: StoredVersion }>(tx, 'versions/endorse', { id, endorsement, actor, at });
  return versionOf(row!.version);
}
