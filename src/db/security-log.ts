import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Db } from './db.js';
import { run } from './db.js';

/**
 * The security log: who created, rotated, revoked or re-roled which API key, which expired keys
 * were presented, which client addresses were throttled. It lives beside the roadmap, never in it:
 * nothing here advances the graph revision or appears in the roadmap change log.
 */

export const securityEventTypes = [
  'key.created',
  'key.revoked',
  'key.rotated',
  'key.role-changed',
  'key.expired-use',
  'auth.throttled',
  'rate.limited',
] as const;
export type SecurityEventType = (typeof securityEventTypes)[number];

/** Where an event came from: the acting key (or "cli"), the client address, the request id. */
export interface SecurityContext {
  actor: string;
  actorRole: string | null;
  address: string | null;
  requestId: string | null;
}

export const cliContext: SecurityContext = { actor: 'cli', actorRole: 'admin', address: null, requestId: null };

export interface SecurityEventDraft {
  type: SecurityEventType;
  keyId?: string | null;
  keyName?: string | null;
  /** A short human sentence plus facts, stored as JSON. */
  detail?: Record<string, unknown>;
}

export interface SecurityEvent {
  id: string;
  seq: number;
  at: string;
  type: SecurityEventType;
  actor: string;
  actorRole: string | null;
  keyId: string | null;
  keyName: string | null;
  address: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
}

const stored = (draft: SecurityEventDraft, context: SecurityContext, at: string) => ({
  id: randomUUID(),
  at,
  type: draft.type,
  actor: context.actor,
  actorRole: context.actorRole,
  keyId: draft.keyId ?? null,
  keyName: draft.keyName ?? null,
  address: context.address,
  requestId: context.requestId,
  detail: JSON.stringify(draft.detail ?? {}),
});

/** Appends events inside a key write's transaction (all-or-nothing with the key change). */
export async function appendSecurityEvents(
  tx: ManagedTransaction,
  context: SecurityContext,
  drafts: SecurityEventDraft[],
): Promise<void> {
  const at = new Date().toISOString();
  await run(tx, 'security-log/append', { events: drafts.map((d) => stored(d, context, at)) });
}

/** Appends one event in its own transaction (events that are not part of a key write). */
export async function recordSecurityEvent(db: Db, context: SecurityContext, draft: SecurityEventDraft): Promise<void> {
  await db.write((tx) => appendSecurityEvents(tx, context, [draft]));
}

/** Serialises key writes (see cypher/security-log/lock.cypher). */
export async function lockSecurityLog(tx: ManagedTransaction): Promise<void> {
  await run(tx, 'security-log/lock', { at: new Date().toISOString() });
}

type StoredEvent = Omit<SecurityEvent, 'detail'> & { detail: string | null };

export const securityEventFromRow = (row: StoredEvent): SecurityEvent => ({
  ...row,
  detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : {},
});
