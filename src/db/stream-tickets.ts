import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.js';
import { run } from './db.js';
import type { Principal, Role } from '../lib/roles.js';

/**
 * Change-stream tickets: a browser's EventSource cannot send Authorization, and a key must never sit
 * in a URL (URLs end up in logs and histories). A viewer key buys a ticket (`st_` + 32 random bytes)
 * that opens ONE stream within `STREAM_TICKET_TTL_SECONDS`; only its sha256 hash is stored, in Neo4j,
 * so any API instance can redeem it. Redeeming deletes it.
 */
export const STREAM_TICKET_TTL_SECONDS = 60;

const hashTicket = (ticket: string) => createHash('sha256').update(ticket, 'utf8').digest('hex');

export async function issueStreamTicket(
  db: Db,
  keyId: string,
  now = new Date(),
): Promise<{ ticket: string; expiresAt: string }> {
  const ticket = `st_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + STREAM_TICKET_TTL_SECONDS * 1000).toISOString();
  await db.write((tx) =>
    run(tx, 'stream-tickets/create', { hash: hashTicket(ticket), keyId, now: now.toISOString(), expiresAt }),
  );
  return { ticket, expiresAt };
}

export type TicketRedemption =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked'; expiresAt?: string };

/** Redeems (and so uses up) a ticket: the key it was issued to, if the ticket is fresh and the key still active. */
export async function redeemStreamTicket(db: Db, ticket: string, now = new Date()): Promise<TicketRedemption> {
  const [row] = await db.write((tx) =>
    run<{
      fresh: boolean;
      expiresAt: string;
      key: { id: string; name: string; role: Role; revokedAt: string | null } | null;
    }>(tx, 'stream-tickets/consume', { hash: hashTicket(ticket), now: now.toISOString() }),
  );
  if (!row) return { ok: false, reason: 'unknown' };
  if (!row.fresh) return { ok: false, reason: 'expired', expiresAt: row.expiresAt };
  if (!row.key || row.key.revokedAt) return { ok: false, reason: 'revoked' };
  return { ok: true, principal: { id: row.key.id, name: row.key.name, role: row.key.role } };
}
