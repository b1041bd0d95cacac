/**
 * How the data-quality counts changed over time, rebuilt from the change log: pure functions.
 *
 * Every write to a commitment or an entity records its state before and after (null when it did not
 * exist). Walking the log backwards from today's counts and undoing each entry's effect gives the
 * counts at every earlier revision, back to the last seed load (which records totals only).
 */

export interface NodeCounts {
  total: number;
  unverified: number;
  lowConfidence: number;
}

export interface QualityPoint {
  revision: number;
  /** When that revision was written (null for the seed-load starting point when unknown). */
  at: string | null;
  commitments: NodeCounts;
  entities: NodeCounts;
}

export interface LoggedChange {
  revision: number;
  at: string;
  target: string;
  /** JSON text of the state before / after (null: did not exist / no longer exists). */
  before: string | null;
  after: string | null;
}

type State = Record<string, unknown> | null;

const live = (s: State) => s !== null && s.status !== 'retired';

/** What one node state adds to the counts (a retired or absent node adds nothing). */
export function countsOf(kind: 'commitment' | 'entity', s: State): NodeCounts {
  if (!live(s)) return { total: 0, unverified: 0, lowConfidence: 0 };
  const lowConfidence =
    kind === 'commitment'
      ? s!.confidence === 'low'
      : s!.membershipConfidence === 'low' || s!.membershipConfidence === 'unverified';
  return { total: 1, unverified: s!.verified === true ? 0 : 1, lowConfidence: lowConfidence ? 1 : 0 };
}

const parse = (text: string | null): State => (text === null ? null : (JSON.parse(text) as State));
const minus = (a: NodeCounts, b: NodeCounts, c: NodeCounts): NodeCounts => ({
  total: a.total - b.total + c.total,
  unverified: a.unverified - b.unverified + c.unverified,
  lowConfidence: a.lowConfidence - b.lowConfidence + c.lowConfidence,
});

/**
 * The counts after each revision that wrote a commitment or an entity since the last seed load
 * (`since`), newest first, then the counts right after that seed load. `current` holds today's
 * counts at `revision`; `changes` must be newest first.
 */
export function qualityHistory(
  current: { revision: number; commitments: NodeCounts; entities: NodeCounts },
  changes: LoggedChange[],
  since: number,
): QualityPoint[] {
  const points: QualityPoint[] = [];
  let state = { commitments: current.commitments, entities: current.entities };
  if (changes.length === 0 || changes[0]!.revision < current.revision)
    points.push({ revision: current.revision, at: null, ...state });
  for (const change of changes) {
    const last = points[points.length - 1];
    if (last?.revision !== change.revision) points.push({ revision: change.revision, at: change.at, ...state });
    const kind = change.target.startsWith('gdc/commitments/') ? 'commitment' : 'entity';
    const field = kind === 'commitment' ? 'commitments' : 'entities';
    // Undo the change: take away what its `after` adds, give back what its `before` added.
    state = {
      ...state,
      [field]: minus(state[field], countsOf(kind, parse(change.after)), countsOf(kind, parse(change.before))),
    };
  }
  if (points[points.length - 1]!.revision !== since) points.push({ revision: since, at: null, ...state });
  return points;
}
