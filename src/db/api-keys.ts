import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './db.js';
import { run } from './db.js';
import { writeRecorded, type WriteOutcome } from './recorded-write.js';
import { conflict, notFound } from '../lib/problems.js';
import type { Principal, Role } from '../lib/roles.js';

/**
 * API keys: `rk_` + 32 random bytes (base64url). Only sha256(key) is stored, as
 * (:ApiKey {id, name, role, hash, createdAt, revokedAt}); a key is shown once, when created.
 * A plain hash is enough because keys are high-entropy, and lookup by hash needs no timing-safe compare.
 */

export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

export const generateKey = (): string => `rk_${randomBytes(32).toString('base64url')}`;
export const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

const normalise = (k: Partial<ApiKeyInfo> & Pick<ApiKeyInfo, 'id' | 'name' | 'role' | 'createdAt'>): ApiKeyInfo => ({
  id: k.id,
  name: k.name,
  role: k.role,
  createdAt: k.createdAt,
  revokedAt: k.revokedAt ?? null,
});

/**
 * Creates a key and records the creation in the change log (actor: whoever creates it; the CLI
 * uses "cli"). Returns the key in clear: the only time it exists outside the caller's hands.
 */
export async function createApiKey(
  db: Db,
  input: { name: string; role: Role },
  actor: Pick<Principal, 'name' | 'role'> = { name: 'cli', role: 'admin' },
  ifMatch?: string,
): Promise<WriteOutcome<ApiKeyInfo & { key: string }>> {
  const id = randomUUID();
  const key = generateKey();
  return writeRecorded(db, actor, { action: 'api-key.create', target: `api-keys/${id}`, ifMatch }, async (tx) => {
    const [existing] = await run<{ id: string }>(tx, 'api-keys/active-by-name', { name: input.name });
    if (existing) {
      throw conflict(
        `An active API key is already named "${input.name}" (id ${existing.id}); names identify actors in the change log.`,
        {
          errors: [{ path: 'body.name', message: `"${input.name}" is taken` }],
        },
      );
    }
    const [row] = await run<{ key: ApiKeyInfo }>(tx, 'api-keys/create', {
      id,
      name: input.name,
      role: input.role,
      hash: hashKey(key),
      createdAt: new Date().toISOString(),
    });
    const info = normalise(row!.key);
    return { changed: true, before: null, after: info, result: { ...info, key } };
  });
}

/** Revokes a key (sets revokedAt); revoking a revoked key changes nothing. Unknown id → 404. */
export async function revokeApiKey(
  db: Db,
  id: string,
  actor: Pick<Principal, 'name' | 'role'>,
  ifMatch?: string,
): Promise<WriteOutcome<ApiKeyInfo>> {
  return writeRecorded(db, actor, { action: 'api-key.revoke', target: `api-keys/${id}`, ifMatch }, async (tx) => {
    const [found] = await run<{ key: ApiKeyInfo }>(tx, 'api-keys/get', { id });
    if (!found) throw notFound(`No API key ${id}.`, [{ path: 'path.id', message: `unknown API key ${id}` }]);
    const before = normalise(found.key);
    if (before.revokedAt) return { changed: false, before, after: before, result: before };
    const [row] = await run<{ key: ApiKeyInfo }>(tx, 'api-keys/revoke', { id, at: new Date().toISOString() });
    const after = normalise(row!.key);
    return { changed: true, before, after, result: after };
  });
}

/** The key a request presents, or undefined if no key has that hash. */
export async function findApiKey(db: Db, key: string): Promise<ApiKeyInfo | undefined> {
  const [row] = await db.query<{ key: ApiKeyInfo }>('api-keys/by-hash', { hash: hashKey(key) });
  return row ? normalise(row.key) : undefined;
}
