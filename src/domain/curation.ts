import { allLinkKinds, cypherKey, type LinkKind, linkKindSpec, linkTarget } from './links.js';
import { nodeKinds } from './nodes.js';

/**
 * Rules of reference curation (GDC commitments and entities), as pure functions: no Fastify, no
 * Cypher. The use cases in src/curation/ apply them inside one write transaction.
 */

/** A GDC commitment's id and label follow from its paragraph and letter: 11 + b → "11b", "11(b)". */
export const commitmentIdOf = (paragraph: number, letter: string | null): string => `${paragraph}${letter ?? ''}`;
export const commitmentLabelOf = (paragraph: number, letter: string | null): string =>
  letter ? `${paragraph}(${letter})` : String(paragraph);

/** Stored properties of a node or link, as Neo4j returns them (numbers, strings, booleans, lists). */
export type Props = Record<string, unknown>;

/** A link of an entity as stored: its type, the node at the other end and every property. */
export interface EntityLink {
  kind: 'FACILITATES' | 'RESPONSIBLE_FOR';
  /** Action line id (FACILITATES) or commitment id (RESPONSIBLE_FOR). */
  to: string;
  props: Props;
}

const statusRank: Record<string, number> = { endorsed: 2, proposed: 1, retired: 0 };
const roleRank: Record<string, number> = { lead: 3, co: 2, partner: 1, contributor: 1 };
const rank = (table: Record<string, number>, value: unknown) => table[String(value)] ?? -1;

/** One link of the survivor after a merge, and where it came from. */
export interface MergedLink {
  kind: EntityLink['kind'];
  to: string;
  /** The survivor's link before the merge (null when the merged entity brings it). */
  survivorBefore: Props | null;
  /** The merged entity's link (null when only the survivor had it). */
  mergedBefore: Props | null;
  /** The survivor's link after the merge. */
  after: Props;
  /** moved: only the merged entity had it; merged-won / survivor-won: both had it, one state kept. */
  outcome: 'moved' | 'merged-won' | 'survivor-won';
}

/**
 * Merging entity M into survivor S: every link of M moves to S. When both link the same node with
 * the same type, one state is kept, deterministically: the stronger status (endorsed > proposed >
 * retired), then the stronger role (lead > co > partner/contributor), then the survivor's. The
 * other state stays in the change log. Since a line has at most one lead and M and S both linked
 * it, the lead rule still holds afterwards. Returns only the survivor's links that change.
 */
export function planEntityMerge(
  merged: EntityLink[],
  survivor: EntityLink[],
  stamp: { at: string; name: string },
): MergedLink[] {
  const key = (l: { kind: string; to: string }) => `${l.kind}|${l.to}`;
  const survivorLinks = new Map(survivor.map((l) => [key(l), l]));
  const curated = { curatedAt: stamp.at, curatedBy: stamp.name, updatedAt: stamp.at, updatedBy: stamp.name };
  return [...merged]
    .sort((a, b) => key(a).localeCompare(key(b)))
    .map((m): MergedLink => {
      const s = survivorLinks.get(key(m));
      if (!s)
        return {
          kind: m.kind,
          to: m.to,
          survivorBefore: null,
          mergedBefore: m.props,
          after: { ...m.props, ...curated },
          outcome: 'moved',
        };
      const byStatus = rank(statusRank, m.props.status) - rank(statusRank, s.props.status);
      const byRole = rank(roleRank, m.props.role) - rank(roleRank, s.props.role);
      const mergedWins = byStatus > 0 || (byStatus === 0 && byRole > 0);
      return {
        kind: m.kind,
        to: m.to,
        survivorBefore: s.props,
        mergedBefore: m.props,
        after: { ...(mergedWins ? m.props : s.props), ...curated },
        outcome: mergedWins ? 'merged-won' : 'survivor-won',
      };
    });
}

/** Retiring a node retires each of its live links; already-retired links stay as they are. */
export function retiredLinkState(props: Props, stamp: { at: string; name: string }): Props | null {
  if (props.status === 'retired') return null;
  return {
    ...props,
    status: 'retired',
    curatedAt: stamp.at,
    curatedBy: stamp.name,
    updatedAt: stamp.at,
    updatedBy: stamp.name,
  };
}

/**
 * A link's path below /v1 (the `target` of its Change records and verifications) and its change-log
 * action prefix, from the link registry. Commitment and entity links are stored under their
 * registry kind name (FACILITATES, RESPONSIBLE_FOR, ALIGNS_WITH, CONTRIBUTES_TO).
 */
export const linkPath = (kind: string, from: string, to: string): string =>
  linkTarget({ kind: kind as LinkKind, from, to });
export const linkActionOf = (kind: string): string => linkKindSpec(kind as LinkKind).action;

/** The link-write Cypher's row: labels and type from the registry (never from input), the ends, the properties. */
export const linkRow = (kind: string, from: string, to: string, props: Props) => ({
  ...cypherKey({ kind: kind as LinkKind, from, to }),
  props,
});

/** A verifiable element: a commitment or entity node, or a roadmap link of a registry kind. */
export type ElementKey =
  | { type: 'GdcCommitment' | 'Entity'; from: string; to: null }
  | { type: LinkKind; from: string; to: string };

const nodePaths = [
  { type: 'GdcCommitment' as const, re: /^gdc\/commitments\/([^/]+)$/ },
  { type: 'Entity' as const, re: /^entities\/([^/]+)$/ },
];
/** Each link kind's path as a pattern, from linkTarget itself, so the two cannot disagree. */
const linkPaths = allLinkKinds.map((kind) => {
  const sample = linkTarget({ kind, from: '\u0001', to: '\u0002' });
  const fromFirst = sample.indexOf('\u0001') < sample.indexOf('\u0002');
  const escaped = sample.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { kind, fromFirst, re: new RegExp(`^${escaped.replace('\u0001', '([^/]+)').replace('\u0002', '([^/]+)')}$`) };
});

/** Parses a verification target path (ids may be %-encoded, e.g. "UN%20Women"); undefined if none matches. */
export function parseElementPath(path: string): ElementKey | undefined {
  const clean = path.replace(/^\/?(?:v1\/)?/, '');
  try {
    for (const { type, re } of nodePaths) {
      const m = re.exec(clean);
      if (m) return { type, from: decodeURIComponent(m[1]!), to: null };
    }
    for (const { kind, fromFirst, re } of linkPaths) {
      const m = re.exec(clean);
      if (!m) continue;
      const [a, b] = [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)];
      const [from, to] = fromFirst ? [a, b] : [b, a];
      // Kinds sharing a path shape (none today) are told apart by the ids' forms.
      const spec = linkKindSpec(kind);
      if (nodeKinds[spec.from].id.safeParse(from).success && nodeKinds[spec.to].id.safeParse(to).success)
        return { type: kind, from, to };
    }
  } catch {
    return undefined; // a malformed %-escape
  }
  return undefined;
}

/** The canonical path of an element (ids not encoded, as Change targets are written). */
export const elementPath = (k: ElementKey): string =>
  k.to === null
    ? k.type === 'GdcCommitment'
      ? `gdc/commitments/${k.from}`
      : `entities/${k.from}`
    : linkPath(k.type, k.from, k.to);
