/**
 * Coverage over time, computed from the change log: the links as they stand now, walked back
 * through the Change records (newest first, each undone by putting its `before` back) to the end
 * of every interval. No snapshots are stored; the log is the history. Pure functions: the route
 * reads the graph and the log, this file does the arithmetic.
 */

export const intervals = ['day', 'week', 'month'] as const;
export type Interval = (typeof intervals)[number];

/** Statuses that count, as in /v1/coverage. */
const ACTIVE = new Set(['proposed', 'endorsed']);

export interface LinkState {
  type: string;
  from: string;
  to: string;
  role?: string | null;
  status: string;
}

export interface HistoryBase {
  commitments: { id: string; objective: number }[];
  targets: string[];
  actionLines: string[];
  links: LinkState[];
}

export interface LoggedChange {
  at: string;
  action: string;
  before: string | null;
  after: string | null;
  revision: number;
}

export interface CoverageTotals {
  commitments: number;
  withActionLine: number;
  withResponsibleEntity: number;
  shareWithActionLine: number;
  shareWithResponsibleEntity: number;
  targets: number;
  supportedTargets: number;
  shareTargetsSupported: number;
  actionLines: number;
  actionLinesWithLead: number;
  shareActionLinesWithLead: number;
}

export interface HistoryPoint extends CoverageTotals {
  /** Start of the interval (inclusive). */
  from: string;
  /** End of the interval (exclusive): the figures are the roadmap as it stood then. */
  to: string;
  /** The graph revision in force at `to`. */
  revision: number;
  /** Changes recorded within the interval. */
  changes: number;
}

const share = (count: number, total: number) => (total === 0 ? 0 : count / total);

/** Interval starts from `from` (aligned down: UTC midnight, ISO week Monday, first of the month) until `to`. */
export function intervalStarts(from: Date, to: Date, interval: Interval): Date[] {
  const start = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  if (interval === 'week') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  if (interval === 'month') start.setUTCDate(1);
  const starts: Date[] = [];
  for (const d = start; d < to; ) {
    starts.push(new Date(d));
    if (interval === 'day') d.setUTCDate(d.getUTCDate() + 1);
    else if (interval === 'week') d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return starts;
}

export const nextStart = (start: Date, interval: Interval): Date => {
  const d = new Date(start);
  if (interval === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (interval === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return d;
};

const linkKey = (l: Pick<LinkState, 'type' | 'from' | 'to'>) => `${l.type}\u0000${l.from}\u0000${l.to}`;

/** The coverage totals of a set of links, counted as /v1/coverage counts them. */
export function totalsOf(base: Omit<HistoryBase, 'links'>, links: Iterable<LinkState>): CoverageTotals {
  const commitments = new Set(base.commitments.map((c) => c.id));
  const targets = new Set(base.targets);
  const lines = new Set(base.actionLines);
  const aligned = new Set<string>();
  const responsible = new Set<string>();
  const supported = new Set<string>();
  const led = new Set<string>();
  for (const l of links) {
    if (!ACTIVE.has(l.status)) continue;
    if (l.type === 'ALIGNS_WITH' && commitments.has(l.to)) aligned.add(l.to);
    else if (l.type === 'RESPONSIBLE_FOR' && commitments.has(l.to)) responsible.add(l.to);
    else if (l.type === 'SUPPORTS' && targets.has(l.to)) supported.add(l.to);
    else if (l.type === 'FACILITATES' && l.role === 'lead' && lines.has(l.to)) led.add(l.to);
  }
  return {
    commitments: commitments.size,
    withActionLine: aligned.size,
    withResponsibleEntity: responsible.size,
    shareWithActionLine: share(aligned.size, commitments.size),
    shareWithResponsibleEntity: share(responsible.size, commitments.size),
    targets: targets.size,
    supportedTargets: supported.size,
    shareTargetsSupported: share(supported.size, targets.size),
    actionLines: lines.size,
    actionLinesWithLead: led.size,
    shareActionLinesWithLead: share(led.size, lines.size),
  };
}

/** A Change's before/after when it is a link state (link writes and import rows); null otherwise. */
function linkStateOf(json: string | null): LinkState | null | undefined {
  if (json === null) return null;
  try {
    const value = JSON.parse(json) as Partial<LinkState>;
    if (typeof value?.type === 'string' && typeof value.from === 'string' && typeof value.to === 'string') {
      return value as LinkState;
    }
  } catch {
    // not JSON: not a link record
  }
  return undefined;
}

/**
 * The history: for each interval [from, to), the totals as the roadmap stood at `to`.
 * `changes` are every Change after the first interval's start, newest first; `currentRevision`
 * is the revision the links of `base` show.
 */
export function coverageHistory(
  base: HistoryBase,
  changes: LoggedChange[],
  currentRevision: number,
  starts: Date[],
  interval: Interval,
  until: Date,
): HistoryPoint[] {
  const links = new Map(base.links.map((l) => [linkKey(l), l]));
  let revision = currentRevision;
  let next = 0; // index into changes (newest first) of the next change to undo
  const points: HistoryPoint[] = [];
  for (let i = starts.length - 1; i >= 0; i -= 1) {
    const start = starts[i]!;
    const endDate = nextStart(start, interval);
    const end = (endDate < until ? endDate : until).toISOString();
    // Undo everything recorded at or after the end of this interval.
    while (next < changes.length && changes[next]!.at >= end) undo(changes[next++]!);
    const startIso = start.toISOString();
    let within = 0;
    for (let j = next; j < changes.length && changes[j]!.at >= startIso; j += 1) within += 1;
    points.push({ from: startIso, to: end, revision, changes: within, ...totalsOf(base, links.values()) });
  }
  return points.reverse();

  function undo(change: LoggedChange): void {
    revision = change.revision - 1;
    const before = linkStateOf(change.before);
    const after = linkStateOf(change.after);
    if (before === undefined || after === undefined || (before === null && after === null)) return; // not a link record
    const key = linkKey((after ?? before)!);
    if (before) links.set(key, before);
    else links.delete(key);
  }
}
