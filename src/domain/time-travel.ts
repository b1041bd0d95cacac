import type { ActivityView } from './activities.js';
import { fromStored, type LinkState, type StoredLinkProps, toStored } from './link-state.js';
import { allLinkKinds, cypherKey, type LinkKey, type LinkKind, linkKindSpec } from './links.js';

/**
 * Time travel over the change log, pure rules (no I/O). Every write records the state of what it
 * touched before and after, under the revision it produced. So the state at revision R is the
 * current state with every change after R undone, newest first: per thing (link, node, activity)
 * its states are folded from the newest change back to the first one after R. Most writes record
 * the fields a read shows (a link's LinkState, an entity's editable fields: a patch); curation
 * writes record the exact graph state as well (`replay`: a node's labels and every property, a
 * link's whole property set, a renumbered id), because they relabel, rename and move. The
 * difference between R1 and R2 is, per thing, its state before the first change after R1 against
 * its state after the last one up to R2. A change this module cannot read refuses the request
 * (NotReconstructable) rather than answering with a state that never was.
 */

/** One Change as the time-travel queries return it (before/after/replay still JSON strings). */
export interface LoggedChange {
  action: string;
  target: string;
  before: string | null;
  after: string | null;
  /** The exact states a curation write recorded for the replay (ReplayRecord), or null. */
  replay?: string | null;
  revision: number;
}

/** Node kinds whose state the change log records: curation relabels them (Retired…) on retire and merge. */
export type NodeFamily = 'Entity' | 'GdcCommitment';

/** A node exactly as stored: its labels, every property (which of them are integers), its UNDER link. */
export interface NodeSnapshot {
  labels: string[];
  props: Record<string, unknown>;
  ints: string[];
  under: { objective: string; props: Record<string, unknown> } | null;
}

/** One link's whole property set on both sides of a curation write (null: it did not exist). */
export interface ReplayLink {
  kind: LinkKind;
  from: string;
  to: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * What a curation write records for the replay, in the same transaction as the write: the node it
 * changed (exact before/after), the links it changed, and for a renumber the old and new id.
 */
export interface ReplayRecord {
  node?: { family: NodeFamily; id: string; before: NodeSnapshot | null; after: NodeSnapshot | null };
  links?: ReplayLink[];
  rename?: { family: NodeFamily; from: string; to: string };
}

/** A link's state on one side of a change: exact (every property) or a patch of the fields reads show. */
export interface LinkSide {
  props: Record<string, unknown>;
  exact: boolean;
  /** The state as the API shows it (for the diff). */
  view: LinkState;
}

/** A node's state on one side: exact (labels, properties, UNDER) or the editable fields a write recorded. */
export type NodeSide = { exact: NodeSnapshot; view?: undefined } | { view: NodeView; exact?: undefined };

/** What a change touched, and its states on both sides. */
export type Touched =
  | { thing: 'link'; key: LinkKey; before: LinkSide | null; after: LinkSide | null }
  | { thing: 'node'; label: NodeFamily; id: string; before: NodeSide | null; after: NodeSide | null }
  | { thing: 'activity'; id: string; before: ActivityView | null; after: ActivityView | null }
  | { thing: 'rename'; family: NodeFamily; from: string; to: string };

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
    why = 'it records no earlier state, or time travel does not know it yet',
  ) {
    super(
      `The change "${action}" at revision ${revision} is not one time travel can undo (${why}), so the roadmap before revision ${revision} cannot be reconstructed.`,
    );
    this.name = 'NotReconstructable';
  }
}

const kindByAction = new Map<string, LinkKind>(allLinkKinds.map((k) => [linkKindSpec(k).action, k]));

/**
 * Changes that record no content the time-travelled reads show (keys, version labels, an import's
 * summary, progress reports and reporting cycles, the verification trail itself): nothing to undo.
 * A progress report that changes an activity's status records that as an activity.update of its
 * own; a verification's effect on its element is recorded on the element's path.
 */
const contentFree = /^(api-key\.|version\.|import$|progress\.|cycle\.)/;

/** Curation kinds whose records carry `replay` since the replay learnt them; older ones cannot be undone. */
const curationVerbs =
  /^(entity\.(retire|merge|absorb)|commitment\.(create|retire|renumber|renumbered)|verification\.(create|revoke)|[a-z-]+\.(retire|move|merge))$/;

const parse = <T>(json: string | null | undefined): T | null =>
  json === null || json === undefined ? null : (JSON.parse(json) as T);

const linkSideOfView = (key: LinkKey, state: LinkState | null): LinkSide | null =>
  state === null ? null : { props: { ...toStored(key, state) }, exact: false, view: state };

const linkSideExact = (key: LinkKey, props: Record<string, unknown> | null): LinkSide | null =>
  props === null ? null : { props, exact: true, view: fromStored(key, props as StoredLinkProps) };

const nodeSideExact = (s: NodeSnapshot | null): NodeSide | null => (s === null ? null : { exact: s });

/** What a curation write's replay record touched. */
function touchedByReplay(record: ReplayRecord): Touched[] {
  const touched: Touched[] = [];
  if (record.rename) touched.push({ thing: 'rename', ...record.rename });
  if (record.node) {
    const { family, id, before, after } = record.node;
    touched.push({ thing: 'node', label: family, id, before: nodeSideExact(before), after: nodeSideExact(after) });
  }
  for (const l of record.links ?? []) {
    const key: LinkKey = { kind: l.kind, from: l.from, to: l.to };
    touched.push({ thing: 'link', key, before: linkSideExact(key, l.before), after: linkSideExact(key, l.after) });
  }
  return touched;
}

/**
 * What one change touched (nothing when it changes no roadmap content). Throws NotReconstructable
 * for an action it does not know (a bulk seed load, or a kind added without teaching it here), and
 * for a curation change written before curation writes recorded their replay.
 */
export function touchedBy(change: LoggedChange): Touched[] {
  if (contentFree.test(change.action)) return [];
  const replay = parse<ReplayRecord>(change.replay);
  if (replay) return touchedByReplay(replay);
  // The revocation's own record is about the check (its element's record follows with `replay`).
  if (change.action === 'verification.revoke' && change.target.startsWith('verifications/')) return [];
  if (curationVerbs.test(change.action)) {
    throw new NotReconstructable(
      change.revision,
      change.action,
      'it was recorded before curation writes kept the exact earlier state the replay needs',
    );
  }
  const [prefix, verb] = change.action.split('.');
  const kind = prefix === undefined ? undefined : kindByAction.get(prefix);
  if (kind && (verb === 'put' || verb === 'delete' || verb === 'demote')) {
    const before = parse<LinkState>(change.before);
    const after = parse<LinkState>(change.after);
    const state = before ?? after;
    if (!state) throw new NotReconstructable(change.revision, change.action);
    const key: LinkKey = { kind, from: state.from, to: state.to };
    return [{ thing: 'link', key, before: linkSideOfView(key, before), after: linkSideOfView(key, after) }];
  }
  if (change.action === 'entity.create' || change.action === 'entity.update') {
    return [nodeTouch('Entity', change)];
  }
  if (change.action === 'commitment.update') return [nodeTouch('GdcCommitment', change)];
  if (change.action === 'activity.create' || change.action === 'activity.update') {
    const before = parse<ActivityView>(change.before);
    const after = parse<ActivityView>(change.after);
    const id = (before ?? after)?.id;
    if (id === undefined) throw new NotReconstructable(change.revision, change.action);
    return [{ thing: 'activity', id, before, after }];
  }
  throw new NotReconstructable(change.revision, change.action);
}

function nodeTouch(label: NodeFamily, change: LoggedChange): Touched {
  const before = parse<NodeView>(change.before);
  const after = parse<NodeView>(change.after);
  const id = (before ?? after)?.id;
  if (id === undefined) throw new NotReconstructable(change.revision, change.action);
  // A curation view (it carries `status`) without `replay` is an older curation record: not exact.
  if ((before && 'status' in before) || (after && 'status' in after)) {
    throw new NotReconstructable(
      change.revision,
      change.action,
      'it was recorded before curation writes kept the exact earlier state the replay needs',
    );
  }
  return {
    thing: 'node',
    label,
    id,
    before: before === null ? null : { view: before },
    after: after === null ? null : { view: after },
  };
}

const touchKey = (t: Exclude<Touched, { thing: 'rename' }>) =>
  t.thing === 'link'
    ? `link|${t.key.kind}|${t.key.from}|${t.key.to}`
    : t.thing === 'node'
      ? `node|${t.label}|${t.id}`
      : `activity|${t.id}`;

type Thing = Exclude<Touched, { thing: 'rename' }>;

/** Per thing touched in the changes given (oldest first), every touch in order; renames apart. */
function touchesByThing(changes: LoggedChange[]): {
  things: Thing[][];
  renames: Extract<Touched, { thing: 'rename' }>[];
} {
  const byKey = new Map<string, Thing[]>();
  const renames: Extract<Touched, { thing: 'rename' }>[] = [];
  for (const change of changes) {
    for (const touched of touchedBy(change)) {
      if (touched.thing === 'rename') {
        renames.push(touched);
        continue;
      }
      const key = touchKey(touched);
      const seen = byKey.get(key);
      if (seen) seen.push(touched);
      else byKey.set(key, [touched]);
    }
  }
  return { things: [...byKey.values()], renames };
}

/** Per thing touched in the changes given (oldest first): its state before the first and after the last. */
export function netEffect(changes: LoggedChange[]): Thing[] {
  return touchesByThing(changes).things.map((touches) => {
    const first = touches[0]!;
    const last = touches[touches.length - 1]!;
    return { ...first, after: last.after } as Thing;
  });
}

/** A thing's state at the start of the changes, folded from the newest change back to the oldest. */
type Folded<T> = { state: 'keep' } | { state: 'absent' } | { state: 'exact'; value: T } | { state: 'patch'; value: T };

function foldBack<S, T>(
  befores: (S | null)[],
  exactOf: (side: S) => T | undefined,
  overlay: (base: T | undefined, side: S) => T,
): Folded<T> {
  let acc = { state: 'keep' } as Folded<T>;
  for (const before of [...befores].reverse()) {
    if (before === null) {
      acc = { state: 'absent' };
      continue;
    }
    const exact = exactOf(before);
    if (exact !== undefined) acc = { state: 'exact', value: exact };
    else if (acc.state === 'exact') acc = { state: 'exact', value: overlay(acc.value, before) };
    else acc = { state: 'patch', value: overlay(acc.state === 'patch' ? acc.value : undefined, before) };
  }
  return acc;
}

export type NodeRestore = {
  family: NodeFamily;
  id: string;
  /** true: labels, every property and UNDER exactly as given; false: only these properties set. */
  exact: boolean;
  labels: string[];
  props: Record<string, unknown>;
  ints: string[];
  under: NodeSnapshot['under'];
};

/** The writes that put the graph back as it was before `changes` (oldest first) were made. */
export interface UndoPlan {
  /** Links that did not exist then (found by their ends' ids now; an end may be a tombstone). */
  removeLinks: ReturnType<typeof cypherKey>[];
  /** Links then: their whole property set (exact) or the fields reads show (a patch). */
  restoreLinks: (ReturnType<typeof cypherKey> & { props: Record<string, unknown>; exact: boolean })[];
  /** Renumbers undone, newest first: the node now under `current` gets `old` back, the tombstone of `old` goes. */
  renames: { family: NodeFamily; current: string; old: string }[];
  /** Nodes that did not exist then. */
  removeNodes: { family: NodeFamily; id: string }[];
  /** Nodes as they were then. */
  restoreNodes: NodeRestore[];
  /** Activities that did not exist then. */
  removeActivities: string[];
  /** Activities as they were then, their links included. */
  restoreActivities: ActivityView[];
}

export function undoPlan(changes: LoggedChange[]): UndoPlan {
  const plan: UndoPlan = {
    removeLinks: [],
    restoreLinks: [],
    renames: [],
    removeNodes: [],
    restoreNodes: [],
    removeActivities: [],
    restoreActivities: [],
  };
  const { things, renames } = touchesByThing(changes);
  plan.renames = [...renames].reverse().map((r) => ({ family: r.family, current: r.to, old: r.from }));
  for (const touches of things) {
    const first = touches[0]!;
    if (first.thing === 'activity') {
      if (first.before === null) plan.removeActivities.push(first.id);
      else plan.restoreActivities.push(first.before);
    } else if (first.thing === 'link') {
      const folded = foldBack(
        touches.map((t) => (t as typeof first).before),
        (side) => (side.exact ? side.props : undefined),
        (base, side) => ({ ...(base ?? {}), ...side.props }),
      );
      if (folded.state === 'absent') plan.removeLinks.push(cypherKey(first.key));
      else if (folded.state !== 'keep')
        plan.restoreLinks.push({ ...cypherKey(first.key), props: folded.value, exact: folded.state === 'exact' });
    } else {
      const folded = foldBack(
        touches.map((t) => (t as typeof first).before),
        (side) => side.exact,
        (base, side) => {
          const props = storedNodeProps(side.view!);
          return base ? { ...base, props: { ...base.props, ...props } } : { labels: [], props, ints: [], under: null };
        },
      );
      if (folded.state === 'absent') plan.removeNodes.push({ family: first.label, id: first.id });
      else if (folded.state !== 'keep')
        plan.restoreNodes.push({ family: first.label, id: first.id, exact: folded.state === 'exact', ...folded.value });
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

/** The fields the diff compares of an entity or commitment: those its editing view records, and its standing. */
const nodeDiffFields: Record<NodeFamily, string[]> = {
  Entity: ['name', 'kind', 'ungisMember', 'verified', 'membershipConfidence'],
  GdcCommitment: ['label', 'section', 'sectionTitle', 'summary', 'verified', 'confidence'],
};

/** A node's state as the diff shows it, from either kind of record. */
function nodeDiffView(family: NodeFamily, side: NodeSide): NodeView {
  if (side.view) return { ...side.view, status: 'active' };
  const { props, labels } = side.exact;
  const view: NodeView = { id: props.id as string };
  for (const field of nodeDiffFields[family]) view[field] = props[field] ?? null;
  view.source = {
    document: (props.sourceDocument as string) ?? null,
    locator: (props.sourceLocator as string) ?? null,
    url: (props.sourceUrl as string) ?? null,
  };
  view.status = labels.includes(family) ? 'active' : 'retired';
  if (props.mergedInto) view.mergedInto = props.mergedInto;
  if (props.replacedBy) view.replacedBy = props.replacedBy;
  return view;
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

const nodeKindName: Record<NodeFamily | 'Activity', string> = {
  Entity: 'entity',
  GdcCommitment: 'gdc-commitment',
  Activity: 'activity',
};

/** What differs between the state before `changes` (oldest first) and the state after them. */
export function diffOf(changes: LoggedChange[]): RoadmapDiff {
  const diff: RoadmapDiff = { links: { added: [], removed: [], changed: [] }, nodes: { added: [], changed: [] } };
  const nodeDiff = (kind: string, id: string, before: NodeView | null, after: NodeView | null) => {
    if (before === null && after !== null) diff.nodes.added.push({ kind, id, properties: after });
    else if (before !== null && after !== null) {
      const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => f !== 'id').sort();
      const changes = fieldChanges(before, after, fields);
      if (changes.length) diff.nodes.changed.push({ kind, id, changes });
    }
  };
  for (const t of netEffect(changes)) {
    if (t.thing === 'link') {
      const ends = { type: linkKindSpec(t.key.kind).type, from: String(t.key.from), to: String(t.key.to) };
      const [before, after] = [t.before?.view ?? null, t.after?.view ?? null];
      if (before === null && after !== null) diff.links.added.push({ ...ends, link: { ...after, ...ends } });
      else if (before !== null && after === null) diff.links.removed.push({ ...ends, link: { ...before, ...ends } });
      else if (before !== null && after !== null) {
        const changes = fieldChanges({ ...before }, { ...after }, linkContentFields);
        if (changes.length) diff.links.changed.push({ ...ends, changes });
      }
    } else if (t.thing === 'activity') {
      nodeDiff(
        nodeKindName.Activity,
        t.id,
        t.before as unknown as NodeView | null,
        t.after as unknown as NodeView | null,
      );
    } else {
      const view = (side: NodeSide | null) => (side === null ? null : nodeDiffView(t.label, side));
      nodeDiff(nodeKindName[t.label], t.id, view(t.before), view(t.after));
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
