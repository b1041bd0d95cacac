import type { LinkStatus } from './enums.js';
import { type LinkKey, linkKindSpec } from './links.js';

/** A link's state as the API shows it and the change log records it; pure rules, no I/O. */

export interface LinkSource {
  document: string;
  locator: string;
  url: string | null;
}

export interface LinkState {
  type: string;
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

/** Properties as stored on the relationship (source flattened: Neo4j properties cannot be maps). */
export interface StoredLinkProps {
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

export function fromStored(key: LinkKey, p: StoredLinkProps): LinkState {
  return {
    type: linkKindSpec(key.kind).type,
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

/** The properties to store for a state (role only on kinds that have roles). */
export function toStored(key: LinkKey, state: LinkState): StoredLinkProps {
  const props: StoredLinkProps = {
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
  if (linkKindSpec(key.kind).roles) props.role = state.role;
  return props;
}

/**
 * The state a link will have after a change: omitted fields keep the current value; a new link
 * gets status "proposed" and needs a source (the caller reports a missing one).
 */
export function mergeLink(key: LinkKey, current: LinkState | undefined, change: LinkChange): LinkState {
  return {
    type: linkKindSpec(key.kind).type,
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

/** Stamps who and when on a state about to be written. */
export function stamped(state: LinkState, existed: boolean, actor: string, at: string): LinkState {
  return {
    ...state,
    createdAt: existed ? state.createdAt : at,
    createdBy: existed ? state.createdBy : actor,
    updatedAt: at,
    updatedBy: actor,
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

/** True when a link state counts as "the lead" of its `to` node (kinds with the one-lead rule). */
export const isActiveLead = (key: LinkKey, state: LinkState | undefined): boolean =>
  state !== undefined && linkKindSpec(key.kind).oneLead && state.role === 'lead' && state.status !== 'retired';
