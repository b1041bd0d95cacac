import type { ManagedTransaction } from 'neo4j-driver';
import { run } from './db.js';

/**
 * The roadmap's editable links, shared by the single-link routes (assignments, mappings) and the
 * bulk import, so both apply the same rules. Cypher: cypher/editing/links-*.cypher.
 */

export const linkTypes = ['FACILITATES', 'RESPONSIBLE_FOR', 'ALIGNS_WITH', 'SUPPORTS'] as const;
export type LinkType = (typeof linkTypes)[number];

/** A link type with its end-point resolved: SUPPORTS goes to a target ("5.b") or a whole goal ("5"). */
export type LinkKind = 'FACILITATES' | 'RESPONSIBLE_FOR' | 'ALIGNS_WITH' | 'SUPPORTS_TARGET' | 'SUPPORTS_GOAL';

export const linkRoles: Partial<Record<LinkType, readonly string[]>> = {
  FACILITATES: ['lead', 'co', 'partner'],
  RESPONSIBLE_FOR: ['lead', 'co', 'contributor'],
};

export const linkStatuses = ['proposed', 'endorsed', 'retired'] as const;
export type LinkStatus = (typeof linkStatuses)[number];

export interface LinkKey {
  kind: LinkKind;
  /** Entity id (FACILITATES, RESPONSIBLE_FOR) or action line id (ALIGNS_WITH, SUPPORTS). */
  from: string;
  /** Action line, commitment, target or goal id. */
  to: string;
}

export interface LinkSource {
  document: string;
  locator: string;
  url: string | null;
}

/** A link as the API shows it and the change log records it. */
export interface LinkState {
  type: LinkType;
  from: string;
  to: string;
  role: string | null;
  status: LinkStatus;
  rationale: string | null;
  source: LinkSource | null;
  createdAt: string | null;
  createdBy: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** What a write asks for; omitted fields keep the link's current value (or the default for a new link). */
export interface LinkChange {
  role?: string | undefined;
  status?: LinkStatus | undefined;
  rationale?: string | null | undefined;
  source?: LinkSource | undefined;
}

export const typeOfKind = (kind: LinkKind): LinkType => (kind.startsWith('SUPPORTS') ? 'SUPPORTS' : (kind as LinkType));

/** The API path (below /v1) of a link: the `target` of its Change records. */
export function linkTarget(key: LinkKey): string {
  switch (key.kind) {
    case 'FACILITATES':
      return `action-lines/${key.to}/facilitators/${key.from}`;
    case 'RESPONSIBLE_FOR':
      return `gdc/commitments/${key.to}/responsible/${key.from}`;
    case 'ALIGNS_WITH':
      return `action-lines/${key.from}/commitments/${key.to}`;
    case 'SUPPORTS_TARGET':
      return `action-lines/${key.from}/sdg-targets/${key.to}`;
    case 'SUPPORTS_GOAL':
      return `action-lines/${key.from}/sdgs/${key.to}`;
  }
}

/** Change-log action names per link kind: "<name>.put" / "<name>.delete". */
export const linkActionName: Record<LinkKind, string> = {
  FACILITATES: 'facilitator',
  RESPONSIBLE_FOR: 'responsibility',
  ALIGNS_WITH: 'alignment',
  SUPPORTS_TARGET: 'sdg-target',
  SUPPORTS_GOAL: 'sdg',
};

export const keyString = (key: LinkKey) => `${key.kind}|${key.from}|${key.to}`;

interface StoredProps {
  role?: string | null;
  status?: string | null;
  rationale?: string | null;
  sourceDocument?: string | null;
  sourceLocator?: string | null;
  sourceUrl?: string | null;
  createdAt?: string | null;
  createdBy?: string | null;
  updatedAt?: string | null;
  updatedBy?: string | null;
}

function fromStored(key: LinkKey, p: StoredProps): LinkState {
  return {
    type: typeOfKind(key.kind),
    from: key.from,
    to: key.to,
    role: p.role ?? null,
    status: (p.status ?? 'endorsed') as LinkStatus,
    rationale: p.rationale ?? null,
    source:
      p.sourceDocument && p.sourceLocator
        ? { document: p.sourceDocument, locator: p.sourceLocator, url: p.sourceUrl ?? null }
        : null,
    createdAt: p.createdAt ?? null,
    createdBy: p.createdBy ?? null,
    updatedAt: p.updatedAt ?? null,
    updatedBy: p.updatedBy ?? null,
  };
}

/** Current state of the given links (a map keyed by keyString; absent = no such link). */
export async function getLinks(tx: ManagedTransaction, keys: LinkKey[]): Promise<Map<string, LinkState>> {
  const found = new Map<string, LinkState>();
  if (keys.length === 0) return found;
  const rows = await run<{ kind: LinkKind; from: string; to: string; props: StoredProps }>(tx, 'editing/links-get', {
    keys,
  });
  for (const row of rows) {
    const key = { kind: row.kind, from: row.from, to: row.to };
    found.set(keyString(key), fromStored(key, row.props));
  }
  return found;
}

/**
 * The state a link will have after a change: omitted fields keep the current value; a new link
 * gets status "proposed" and needs a source (the caller reports a missing one).
 */
export function mergeLink(key: LinkKey, current: LinkState | undefined, change: LinkChange): LinkState {
  return {
    type: typeOfKind(key.kind),
    from: key.from,
    to: key.to,
    role: change.role ?? current?.role ?? null,
    status: change.status ?? current?.status ?? 'proposed',
    rationale: change.rationale === undefined ? (current?.rationale ?? null) : change.rationale,
    source: change.source ?? current?.source ?? null,
    createdAt: current?.createdAt ?? null,
    createdBy: current?.createdBy ?? null,
    updatedAt: current?.updatedAt ?? null,
    updatedBy: current?.updatedBy ?? null,
  };
}

/** True when two states carry the same content (who/when metadata aside): an idempotent write. */
export function sameContent(a: LinkState | undefined, b: LinkState): boolean {
  if (!a) return false;
  return (
    a.role === b.role &&
    a.status === b.status &&
    a.rationale === b.rationale &&
    a.source?.document === b.source?.document &&
    a.source?.locator === b.source?.locator &&
    (a.source?.url ?? null) === (b.source?.url ?? null)
  );
}

/** Writes links (created or updated) stamped with who and when; returns the states as written. */
export async function upsertLinks(
  tx: ManagedTransaction,
  items: { key: LinkKey; next: LinkState; existed: boolean }[],
  actor: string,
  at: string,
): Promise<LinkState[]> {
  if (items.length === 0) return [];
  const written = items.map(({ key, next, existed }) => {
    const state: LinkState = {
      ...next,
      createdAt: existed ? next.createdAt : at,
      createdBy: existed ? next.createdBy : actor,
      updatedAt: at,
      updatedBy: actor,
    };
    const props: Record<string, unknown> = {
      status: state.status,
      rationale: state.rationale,
      sourceDocument: state.source?.document ?? null,
      sourceLocator: state.source?.locator ?? null,
      sourceUrl: state.source?.url ?? null,
      createdAt: state.createdAt,
      createdBy: state.createdBy,
      updatedAt: state.updatedAt,
      updatedBy: state.updatedBy,
    };
    if (linkRoles[typeOfKind(key.kind)]) props.role = state.role;
    return { row: { kind: key.kind, from: key.from, to: key.to, props }, state };
  });
  await run(tx, 'editing/links-upsert', { rows: written.map((w) => w.row) });
  return written.map((w) => w.state);
}

export async function deleteLinks(tx: ManagedTransaction, keys: LinkKey[]): Promise<void> {
  if (keys.length > 0) await run(tx, 'editing/links-delete', { keys });
}

export interface NodeIds {
  entities: string[];
  actionLines: string[];
  commitments: string[];
  targets: string[];
  goals: string[];
}

/** Which of the given ids exist, per label. */
export async function existingNodes(
  tx: ManagedTransaction,
  ids: Partial<NodeIds>,
): Promise<{ [K in keyof NodeIds]: Set<string> }> {
  const [row] = await run<NodeIds>(tx, 'editing/nodes-exist', {
    entities: ids.entities ?? [],
    actionLines: ids.actionLines ?? [],
    commitments: ids.commitments ?? [],
    targets: ids.targets ?? [],
    goals: ids.goals ?? [],
  });
  return {
    entities: new Set(row?.entities),
    actionLines: new Set(row?.actionLines),
    commitments: new Set(row?.commitments),
    targets: new Set(row?.targets),
    goals: new Set(row?.goals),
  };
}

/** Current non-retired leads per action line. */
export async function currentLeads(tx: ManagedTransaction, actionLines: string[]): Promise<Map<string, string[]>> {
  if (actionLines.length === 0) return new Map();
  const rows = await run<{ actionLine: string; leads: string[] }>(tx, 'editing/leads', { actionLines });
  return new Map(rows.map((r) => [r.actionLine, r.leads]));
}

/** True when a link state counts as "the lead" of its action line. */
export const isActiveLead = (state: LinkState | undefined): boolean =>
  state !== undefined && state.type === 'FACILITATES' && state.role === 'lead' && state.status !== 'retired';
