import type { ManagedTransaction } from 'neo4j-driver';
import { type NodeLabel, nodeKinds } from '../domain/nodes.js';
import { cypherKey, keyString, type LinkKey, type LinkKind } from '../domain/links.js';
import { fromStored, type LinkState, type StoredLinkProps, toStored } from '../domain/link-state.js';
import { run } from './db.js';

/**
 * Data access of the roadmap's editable links, inside the caller's write transaction. The queries
 * (cypher/links/*.cypher) take labels and relationship type as parameters from the link registry,
 * so they serve every kind; each write checks how many relationships it touched.
 */

/** A write touched fewer relationships than it was asked to: a bug, never the client's fault. */
export class LinkWriteMismatch extends Error {
  constructor(what: string, expected: number, actual: number) {
    super(`${what}: expected ${expected} relationship(s), the query touched ${actual}`);
    this.name = 'LinkWriteMismatch';
  }
}

/** Current state of the given links (a map keyed by keyString; absent = no such link). */
export async function getLinks(tx: ManagedTransaction, keys: LinkKey[]): Promise<Map<string, LinkState>> {
  const found = new Map<string, LinkState>();
  if (keys.length === 0) return found;
  const rows = await run<{ kind: LinkKind; from: string; to: string; props: StoredLinkProps }>(tx, 'links/get', {
    keys: keys.map(cypherKey),
  });
  for (const row of rows) {
    const key = { kind: row.kind, from: row.from, to: row.to };
    found.set(keyString(key), fromStored(key, row.props));
  }
  return found;
}

/** Creates or updates links with the given (already stamped) states; fails unless each one was written. */
export async function upsertLinks(tx: ManagedTransaction, items: { key: LinkKey; state: LinkState }[]): Promise<void> {
  if (items.length === 0) return;
  const rows = items.map(({ key, state }) => ({ ...cypherKey(key), props: toStored(key, state) }));
  const [row] = await run<{ written: number }>(tx, 'links/upsert', { rows });
  const written = Number(row?.written ?? 0);
  if (written !== items.length) throw new LinkWriteMismatch('links/upsert', items.length, written);
}

/** Deletes links; fails unless each one was deleted. */
export async function deleteLinks(tx: ManagedTransaction, keys: LinkKey[]): Promise<void> {
  if (keys.length === 0) return;
  const [row] = await run<{ deleted: number }>(tx, 'links/delete', { keys: keys.map(cypherKey) });
  const deleted = Number(row?.deleted ?? 0);
  if (deleted !== keys.length) throw new LinkWriteMismatch('links/delete', keys.length, deleted);
}

export interface NodeRef {
  label: NodeLabel;
  id: string;
}

/** The refs (of the given ones) that name no node, in the order given. */
export async function missingNodes(tx: ManagedTransaction, refs: NodeRef[]): Promise<NodeRef[]> {
  if (refs.length === 0) return [];
  const rows = await run<{ label: NodeLabel; id: string }>(tx, 'links/nodes-exist', {
    refs: refs.map((r) => ({ label: nodeKinds[r.label].label, id: r.id })),
  });
  const found = new Set(rows.map((r) => `${r.label}|${r.id}`));
  return refs.filter((r) => !found.has(`${r.label}|${r.id}`));
}

/** Current non-retired leads per `to` node of a one-lead kind. */
export async function currentLeads(
  tx: ManagedTransaction,
  kind: LinkKind,
  toIds: string[],
): Promise<Map<string, string[]>> {
  if (toIds.length === 0) return new Map();
  const { type, fromLabel, toLabel } = cypherKey({ kind, from: '', to: '' });
  const rows = await run<{ to: string; leads: string[] }>(tx, 'links/leads', { type, fromLabel, toLabel, toIds });
  return new Map(rows.map((r) => [r.to, r.leads]));
}
