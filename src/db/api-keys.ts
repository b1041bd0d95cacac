import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Db } from './db.js';
import { run } from './db.js';
import { appendSecurityEvents, cliContext, lockSecurityLog, type SecurityContext } from './security-log.js';
import { badRequest, conflict, notFound, unprocessable } from '../lib/problems.js';
import { missingNodes } from './link-repository.js';
import type { Role } from '../lib/roles.js';

/**
 * API keys: `rk_` + 32 random bytes (base64url). Only sha256(key) is stored, as
 * (:ApiKey {id, name, role, hash, createdAt, expiresAt, lastUsedAt, revokedAt, replacedBy}); a key
 * is shown once, when created or rotated. A plain hash is enough because keys are high-entropy,
 * and lookup by hash needs no timing-safe compare.
 *
 * Keys live outside the roadmap: their writes never advance the graph revision nor appear in the
 * change log; each one appends its event to the security log (src/db/security-log.ts) in the
 * same transaction, after taking that log's lock so key writes run one at a time (which is what
 * makes "never revoke or demote the last active admin key" hold under concurrency).
 */

export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  /** A focal-point key: it may only write the activities and progress of this entity (null: not limited). */
  entity: string | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** The successor of a rotated key. */
  replacedBy: string | null;
}

export const generateKey = (): string => `rk_${randomBytes(32).toString('base64url')}`;
export const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

const normalise = (k: Partial<ApiKeyInfo> & Pick<ApiKeyInfo, 'id' | 'name' | 'role' | 'createdAt'>): ApiKeyInfo => ({
  id: k.id,
  name: k.name,
  role: k.role,
  entity: k.entity ?? null,
  createdAt: k.createdAt,
  expiresAt: k.expiresAt ?? null,
  lastUsedAt: k.lastUsedAt ?? null,
  revokedAt: k.revokedAt ?? null,
  replacedBy: k.replacedBy ?? null,
});

/** True when the key has passed its expiry (a rotated key after its grace period, too). */
export const isExpired = (key: Pick<ApiKeyInfo, 'expiresAt'>, now = new Date()): boolean =>
  key.expiresAt !== null && key.expiresAt <= now.toISOString();

const isActive = (key: ApiKeyInfo) => key.revokedAt === null && !isExpired(key);

/** An expiry as stored (UTC ISO), which must lie in the future. */
function futureInstant(value: string | undefined, path: string): string | null {
  if (value === undefined) return null;
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) {
    throw badRequest(`${path} must be a time in the future.`, [{ path, message: 'must be in the future' }]);
  }
  return at.toISOString();
}

async function getKey(tx: ManagedTransaction, id: string): Promise<ApiKeyInfo> {
  const [found] = await run<{ key: ApiKeyInfo }>(tx, 'api-keys/get', { id });
  if (!found) throw notFound(`No API key ${id}.`, [{ path: 'path.id', message: `unknown API key ${id}` }]);
  return normalise(found.key);
}

/** 409 when `key` is the last usable admin key (revoking or demoting it would lock admins out). */
async function refuseLastAdmin(tx: ManagedTransaction, key: ApiKeyInfo, what: string): Promise<void> {
  if (key.role !== 'admin' || !isActive(key)) return;
  const [row] = await run<{ admins: number }>(tx, 'api-keys/other-active-admins', {
    id: key.id,
    now: new Date().toISOString(),
  });
  if (Number(row?.admins ?? 0) === 0) {
    throw conflict(
      `Refusing to ${what} "${key.name}": it is the last active admin key, and without one nobody could manage keys ` +
        'through the API. Create another admin key first.',
      { errors: [{ path: 'path.id', message: 'last active admin key' }] },
    );
  }
}

async function insertKey(
  tx: ManagedTransaction,
  input: { name: string; role: Role; entity: string | null; expiresAt: string | null },
): Promise<ApiKeyInfo & { key: string }> {
  const key = generateKey();
  const [row] = await run<{ key: ApiKeyInfo }>(tx, 'api-keys/create', {
    id: randomUUID(),
    name: input.name,
    role: input.role,
    entity: input.entity,
    hash: hashKey(key),
    createdAt: new Date().toISOString(),
    expiresAt: input.expiresAt,
  });
  return { ...normalise(row!.key), key };
}

/**
 * Creates a key (and its security event). Returns the key in clear: the only time it exists
 * outside the caller's hands. The CLI acts as "cli".
 */
export async function createApiKey(
  db: Db,
  input: { name: string; role: Role; entity?: string | undefined; expiresAt?: string | undefined },
  context: SecurityContext = cliContext,
): Promise<{ result: ApiKeyInfo & { key: string } }> {
  const expiresAt = futureInstant(input.expiresAt, 'body.expiresAt');
  const entity = input.entity ?? null;
  if (entity !== null && input.role !== 'editor') {
    throw badRequest('A key limited to one entity (its focal point) must have the editor role.', [
      { path: 'body.role', message: 'must be editor when entity is set' },
    ]);
  }
  const result = await db.write(async (tx) => {
    await lockSecurityLog(tx);
    const [existing] = await run<{ id: string }>(tx, 'api-keys/active-by-name', {
      name: input.name,
      now: new Date().toISOString(),
    });
    if (existing) {
      throw conflict(
        `An active API key is already named "${input.name}" (id ${existing.id}); names identify actors in the change log.`,
        { errors: [{ path: 'body.name', message: `"${input.name}" is taken` }] },
      );
    }
    if (entity !== null && (await missingNodes(tx, [{ label: 'Entity', id: entity }])).length) {
      throw unprocessable(`No entity ${entity}: a focal-point key must name an existing entity.`, [
        { path: 'body.entity', message: `unknown entity ${entity}` },
      ]);
    }
    const created = await insertKey(tx, { name: input.name, role: input.role, entity, expiresAt });
    await appendSecurityEvents(tx, context, [
      {
        type: 'key.created',
        keyId: created.id,
        keyName: created.name,
        detail: { role: created.role, entity, expiresAt },
      },
    ]);
    return created;
  });
  return { result };
}

/** Revokes a key (sets revokedAt); revoking a revoked key changes nothing. Unknown id → 404; last admin → 409. */
export async function revokeApiKey(
  db: Db,
  id: string,
  context: SecurityContext,
): Promise<{ changed: boolean; result: ApiKeyInfo }> {
  return db.write(async (tx) => {
    await lockSecurityLog(tx);
    const before = await getKey(tx, id);
    if (before.revokedAt) return { changed: false, result: before };
    await refuseLastAdmin(tx, before, 'revoke');
    const [row] = await run<{ key: ApiKeyInfo }>(tx, 'api-keys/revoke', { id, at: new Date().toISOString() });
    const after = normalise(row!.key);
    await appendSecurityEvents(tx, context, [
      { type: 'key.revoked', keyId: id, keyName: after.name, detail: { role: after.role } },
    ]);
    return { changed: true, result: after };
  });
}

/** Changes a key's role; demoting the last active admin key → 409. */
export async function changeApiKeyRole(
  db: Db,
  id: string,
  role: Role,
  context: SecurityContext,
): Promise<{ changed: boolean; result: ApiKeyInfo }> {
  return db.write(async (tx) => {
    await lockSecurityLog(tx);
    const before = await getKey(tx, id);
    if (before.role === role) return { changed: false, result: before };
    if (before.revokedAt) throw conflict(`API key ${id} is revoked; its role cannot change.`);
    if (role !== 'admin') await refuseLastAdmin(tx, before, `demote to ${role}`);
    const [row] = await run<{ key: ApiKeyInfo }>(tx, 'api-keys/set-role', { id, role });
    const after = normalise(row!.key);
    await appendSecurityEvents(tx, context, [
      { type: 'key.role-changed', keyId: id, keyName: after.name, detail: { from: before.role, to: role } },
    ]);
    return { changed: true, result: after };
  });
}

/**
 * Rotation: a new key with the same name and role; the old one keeps working for `graceSeconds`
 * (never longer than it would have anyway) and names its successor. A revoked, expired or already
 * rotated key → 409.
 */
export async function rotateApiKey(
  db: Db,
  id: string,
  input: { graceSeconds: number; expiresAt?: string | undefined },
  context: SecurityContext,
): Promise<{ result: ApiKeyInfo & { key: string }; previous: ApiKeyInfo }> {
  const expiresAt = futureInstant(input.expiresAt, 'body.expiresAt');
  return db.write(async (tx) => {
    await lockSecurityLog(tx);
    const old = await getKey(tx, id);
    if (old.revokedAt) throw conflict(`API key ${id} is revoked; create a new key instead.`);
    if (isExpired(old)) throw conflict(`API key ${id} expired at ${old.expiresAt}; create a new key instead.`);
    if (old.replacedBy) throw conflict(`API key ${id} was already rotated; its successor is ${old.replacedBy}.`);
    const created = await insertKey(tx, { name: old.name, role: old.role, entity: old.entity, expiresAt });
    const until = new Date(Date.now() + input.graceSeconds * 1000).toISOString();
    const [row] = await run<{ key: ApiKeyInfo }>(tx, 'api-keys/retire', { id, successor: created.id, until });
    const previous = normalise(row!.key);
    await appendSecurityEvents(tx, context, [
      {
        type: 'key.rotated',
        keyId: id,
        keyName: old.name,
        detail: { successor: created.id, oldKeyValidUntil: previous.expiresAt, role: old.role },
      },
    ]);
    return { result: created, previous };
  });
}

/** The key a request presents, or undefined if no key has that hash. */
export async function findApiKey(db: Db, key: string): Promise<ApiKeyInfo | undefined> {
  const [row] = await db.query<{ key: ApiKeyInfo }>('api-keys/by-hash', { hash: hashKey(key) });
  return row ? normalise(row.key) : undefined;
}

/** Stores last-used times in one batch (see src/lib/key-usage.ts). */
export async function recordKeyUse(db: Db, uses: { id: string; at: string }[]): Promise<void> {
  if (uses.length === 0) return;
  await db.write((tx) => run(tx, 'api-keys/touch', { uses }));
}

export const apiKeyInfo = normalise;
