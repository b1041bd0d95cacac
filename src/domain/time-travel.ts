import type { ActivityView } from './activities.js';
import { type LinkState, type StoredLinkProps, toStored } from './link-state.js';
import { allLinkKinds, cypherKey, type LinkKey, type LinkKind, linkKindSpec } from './links.js';

/**
 * Time travel over the change log, pure rules (no I/O). Every write records the full state of what
 * it touched before and after (a link's whole LinkState, an entity's or commitment's editable
 * fields), under the revision it produced. So the state at revision R is the current state with,
 * for every thing touched after R, the `before` of the FIRST change after R put back; and the
 * difference between R1 and R2 is, per thing, the `before` of its first change after R1 against
 * the `after` of its last change up to R2. A change this module cannot read refuses the request
 * (NotReconstructable) rather than answering with a state that never was.
 */

/** One Change as the time-travel queries return it (before/after still JSON strings). */
export interface LoggedChange {
  action: string;
  target: string;
  before: string | null;
  after: string | null;
  revision: number;
}

/** What a change touched, and its states on both sides. */
export type Touched =
  | { thing: 'link'; key: LinkKey; before: LinkState | null; after: LinkState | null }
  | { thing: 'node'; label: NodeLabelTouched; id: string; before: NodeView | null; after: NodeView | null };

/** Nodes the log records whole: entities and commitments (editable fields), activities (with their links). */
type NodeLabelTouched = 'Entity' | 'GdcCommitment' | 'Activity';

/** A node's editable fields as the change log records them (source as a map). */
export type NodeView = Record<string, unknown> & {
  id: string;
  source?: { document: string | null; locator: string | null; url: string | null } | null;
};

/** The change log holds a change whose earlier state it does not record. */
export class NotReconstructable extends Error {
  constructor(
    readonly revision: number,
    readonly action: string,
  ) {
    super(
      `The change "${action}" at revision ${revision} is not one time travel can undo (it records no earlier state, or time travel does not know it yet), so the roadmap before revision ${revision} cannot be reconstructed.`,
    );
    this.name = 'NotReconstructable';
  }
}

const kindByAction = new Map<string, LinkKind>(allLinkKinds.map((k) => [linkKindSpec(k).action, k]));

/**
 * Changes that record no content the time-travelled reads show (keys, version labels, an import's
 * summary, progress reports and reporting cycles): nothing to undo. A progress report that changes
 * an activity's status records that as an activity.update of its own.
 */
const contentFree = /^(api-key\.|version\.|import$|progress\.|cycle\.)/;

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

/**
 * What one change touched, or null when it changes no roadmap content. Throws NotReconstructable
 * for an action it does not know (a bulk seed load, or a kind added without teaching it here).
 */
export function touchedBy(change: LoggedChange): Touched | null {
  if (contentFree.test(change.action)) return null;
  const [prefix, verb] = change.action.split('.');
  const kind = prefix === undefined ? undefined : kindByAction.get(prefix);
  if (kind && (verb === 'put' || verb === 'delete' || verb === 'demote')) {
    const before = parse<LinkState>(change.before);
    const after = parse<LinkState>(change.after);
    const state = before ?? after;
    if (!state) throw new NotReconstructable(change.revision, change.action);
    return { thing: 'link', key: { kind, from: state.from, to: state.to }, before, after };
  }
  if (change.action === 'entity.create' || change.action === 'entity.update') {
    return nodeTouch('Entity', change);
  }
  if (change.action === 'commitment.update') return nodeTouch('GdcCommitment', change);
  if (change.action === 'activity.create' || change.action === 'activity.update') {
    return nodeTouch('Activity', change);
  }
  throw new NotReconstructable(change.revision, change.action);
}

function nodeTouch(label: NodeLabelTouched, change: LoggedChange): Touched {
  const before = parse<NodeView>(change.before);
  const after = parse<NodeView>(change.after);
  const id = (before ?? after)?.id;
  if (id === undefined) throw new NotReconstructable(change.revision, change.action);
  return { thing: 'node', label, id, before, after };
}

const touchKey = (t: Touched) =>
  t.thing === 'link' ? `link|${t.key.kind}|${t.key.from}|${t.key.to}` : `node|${t.label}|${t.id}`;

/** Per thing touched in the changes given (oldest first): its state before the first and after the last. */
export function netEffect(changes: LoggedChange[]): Touched[] {
  const net = new Map<string, Touched>();
  for (const change of changes) {
    const touched = touchedBy(change);
    if (!touched) continue;
    const key = touchKey(touched);
    const seen = net.get(key);
    if (seen) seen.after = touched.after as never;
    else net.set(key, { ...touched });
  }
  return [...net.values()];
}

/** The writes that put the graph back as it was before `changes` (oldest first) were made. */
export interface UndoPlan {
  /** Links that did not exist then. */
  removeLinks: ReturnType<typeof cypherKey>[];
  /** Links with their whole stored property set then. */
  restoreLinks: (ReturnType<typeof cypherKey> & { props: StoredLinkProps })[];
  /** Nodes that did not exist then. */
  removeNodes: { label: string; id: string }[];
  /** Nodes with their editable properties then. */
  restoreNodes: { label: string; id: string; props: Record<string, unknown> }[];
  /** Activities that did not exist then. */
  removeActivities: string[];
  /** Activities as they were then, their links included. */
  restoreActivities: ActivityView[];
}

export function undoPlan(changes: LoggedChange[]): UndoPlan {
  const plan: UndoPlan = {
    removeLinks: [],
    restoreLinks: [],
    removeNodes: [],
    restoreNodes: [],
    removeActivities: [],
    restoreActivities: [],
  };
  for (const t of netEffect(changes)) {
    if (t.thing === 'node' && t.label === 'Activity') {
      if (t.before === null) plan.removeActivities.push(t.id);
      else plan.restoreActivities.push(t.before as unknown as ActivityView);
    } else if (t.thing === 'link') {
      if (t.before === null) plan.removeLinks.push(cypherKey(t.key));
      else plan.restoreLinks.push({ ...cypherKey(t.key), props: toStored(t.key, t.before) });
    } else if (t.before === null) {
      plan.removeNodes.push({ label: t.label, id: t.id });
    } else {
      plan.restoreNodes.push({ label: t.label, id: t.id, props: storedNodeProps(t.before) });
    }
  }
  return plan;
}

/** A node view back to stored properties (the source flattened, as every node stores it). */
function storedNodeProps(view: NodeView): Record<string, unknown> {
  const { source, ...rest } = view;
  return {
    ...rest,
    sourceDocument: source?.document ?? null,
    sourceLocator: source?.locator ?? null,
    sourceUrl: source?.url ?? null,
  };
}

/** The fields of a link the diff compares (who/when stamps are not content). */
export const linkContentFields = ['status', 'role', 'source', 'rationale'] as const;

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface LinkDiffItem {
  type: string;
  from: string;
  to: string;
  link: LinkState;
}

export interface RoadmapDiff {
  links: {
    added: LinkDiffItem[];
    removed: LinkDiffItem[];
    changed: { type: string; from: string; to: string; changes: FieldChange[] }[];
  };
  nodes: {
    added: { kind: string; id: string; properties: NodeView }[];
    changed: { kind: string; id: string; changes: FieldChange[] }[];
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]) {
  return fields
    .filter((f) => !same(before[f], after[f]))
    .map((f) => ({ field: f, before: before[f] ?? null, after: after[f] ?? null }));
}

const nodeKindName: Record<NodeLabelTouched, string> = {
  Entity: 'entity',
  GdcCommitment: 'gdc-commitment',
  Activity: 'activity',
};

/** What differs between the state before `changes` (oldest first) and the state after them. */
export function diffOf(changes: LoggedChange[]): RoadmapDiff {
  const diff: RoadmapDiff = { links: { added: [], removed: [], changed: [] }, nodes: { added: [], changed: [] } };
  for (const t of netEffect(changes)) {
    if (t.thing === 'link') {
      const ends = { type: linkKindSpec(t.key.kind).type, from: String(t.key.from), to: String(t.key.to) };
      if (t.before === null && t.after !== null) diff.links.added.push({ ...ends, link: { ...t.after, ...ends } });
      else if (t.before !== null && t.after === null)
        diff.links.removed.push({ ...ends, link: { ...t.before, ...ends } });
      else if (t.before !== null && t.after !== null) {
        const changes = fieldChanges({ ...t.before }, { ...t.after }, linkContentFields);
        if (changes.length) diff.links.changed.push({ ...ends, changes });
      }
    } else {
      const kind = nodeKindName[t.label];
      if (t.before === null && t.after !== null) diff.nodes.added.push({ kind, id: t.id, properties: t.after });
      else if (t.before !== null && t.after !== null) {
        const fields = [...new Set([...Object.keys(t.before), ...Object.keys(t.after)])]
          .filter((f) => f !== 'id')
          .sort();
        const changes = fieldChanges(t.before, t.after, fields);
        if (changes.length) diff.nodes.changed.push({ kind, id: t.id, changes });
      }
    }
  }
  const byEnds = (a: { type: string; from: string; to: string }, b: typeof a) =>
    a.type.localeCompare(b.type) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to);
  diff.links.added.sort(byEnds);
  diff.links.removed.sort(byEnds);
  diff.links.changed.sort(byEnds);
  const byNode = (a: { kind: string; id: string }, b: typeof a) =>
    a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id);
  diff.nodes.added.sort(byNode);
  diff.nodes.changed.sort(byNode);
  return diff;
}

/** The diff as CSV rows: one per added/removed link, per changed field, per added node. */
export const diffCsvColumns = ['change', 'kind', 'from', 'to', 'field', 'before', 'after'] as const;

export function diffCsvRows(diff: RoadmapDiff): Record<(typeof diffCsvColumns)[number], string>[] {
  const text = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const rows: Record<(typeof diffCsvColumns)[number], string>[] = [];
  for (const l of diff.links.added)
    rows.push({
      change: 'link-added',
      kind: l.type,
      from: l.from,
      to: l.to,
      field: '',
      before: '',
      after: text(l.link.status),
    });
  for (const l of diff.links.removed)
    rows.push({
      change: 'link-removed',
      kind: l.type,
      from: l.from,
      to: l.to,
      field: '',
      before: text(l.link.status),
      after: '',
    });
  for (const l of diff.links.changed)
    for (const c of l.changes)
      rows.push({
        change: 'link-changed',
        kind: l.type,
        from: l.from,
        to: l.to,
        field: c.field,
        before: text(c.before),
        after: text(c.after),
      });
  for (const n of diff.nodes.added)
    rows.push({ change: 'node-added', kind: n.kind, from: n.id, to: '', field: '', before: '', after: '' });
  for (const n of diff.nodes.changed)
    for (const c of n.changes)
      rows.push({
        change: 'node-changed',
        kind: n.kind,
        from: n.id,
        to: '',
        field: c.field,
        before: text(c.before),
        after: text(c.after),
      });
  return rows;
}
