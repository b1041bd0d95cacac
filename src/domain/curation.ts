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

/** The roadmap link types curation reads and writes with links-put (SUPPORTS is split by its end). */
export type CuratedLinkType = 'FACILITATES' | 'RESPONSIBLE_FOR' | 'ALIGNS_WITH' | 'CONTRIBUTES_TO';

/** A link's path below /v1: the `target` of its Change records and of its verifications. */
export function linkPath(type: string, from: string, to: string): string {
  switch (type) {
    case 'FACILITATES':
      return `action-lines/${to}/facilitators/${from}`;
    case 'RESPONSIBLE_FOR':
      return `gdc/commitments/${to}/responsible/${from}`;
    case 'ALIGNS_WITH':
      return `action-lines/${from}/commitments/${to}`;
    case 'CONTRIBUTES_TO':
      return `gdc/commitments/${from}/sdgs/${to}`;
    case 'SUPPORTS_TARGET':
      return `action-lines/${from}/sdg-targets/${to}`;
    default:
      return `action-lines/${from}/sdgs/${to}`;
  }
}

/** Change-log action prefix per link type (as the link routes use: facilitator.put, alignment.delete, ...). */
export const linkActionOf: Record<string, string> = {
  FACILITATES: 'facilitator',
  RESPONSIBLE_FOR: 'responsibility',
  ALIGNS_WITH: 'alignment',
  CONTRIBUTES_TO: 'commitment-sdg',
};

/** A verifiable element: a commitment or entity node, or a roadmap link between two nodes. */
export interface ElementKey {
  type:
    | 'GdcCommitment'
    | 'Entity'
    | 'FACILITATES'
    | 'RESPONSIBLE_FOR'
    | 'ALIGNS_WITH'
    | 'SUPPORTS_TARGET'
    | 'SUPPORTS_GOAL'
    | 'CONTRIBUTES_TO';
  from: string;
  to: string | null;
}

const segment = '([^/]+)';
const elementPaths: [RegExp, (m: string[]) => ElementKey][] = [
  [new RegExp(`^gdc/commitments/${segment}$`), ([, id]) => ({ type: 'GdcCommitment', from: id!, to: null })],
  [new RegExp(`^entities/${segment}$`), ([, id]) => ({ type: 'Entity', from: id!, to: null })],
  [
    new RegExp(`^action-lines/${segment}/facilitators/${segment}$`),
    ([, line, entity]) => ({ type: 'FACILITATES', from: entity!, to: line! }),
  ],
  [
    new RegExp(`^gdc/commitments/${segment}/responsible/${segment}$`),
    ([, c, entity]) => ({ type: 'RESPONSIBLE_FOR', from: entity!, to: c! }),
  ],
  [
    new RegExp(`^action-lines/${segment}/commitments/${segment}$`),
    ([, line, c]) => ({ type: 'ALIGNS_WITH', from: line!, to: c! }),
  ],
  [
    new RegExp(`^action-lines/${segment}/sdg-targets/${segment}$`),
    ([, line, t]) => ({ type: 'SUPPORTS_TARGET', from: line!, to: t! }),
  ],
  [
    new RegExp(`^action-lines/${segment}/sdgs/${segment}$`),
    ([, line, g]) => ({ type: 'SUPPORTS_GOAL', from: line!, to: g! }),
  ],
  [
    new RegExp(`^gdc/commitments/${segment}/sdgs/${segment}$`),
    ([, c, g]) => ({ type: 'CONTRIBUTES_TO', from: c!, to: g! }),
  ],
];

/** Parses a verification target path (ids may be %-encoded, e.g. "UN%20Women"); undefined if none matches. */
export function parseElementPath(path: string): ElementKey | undefined {
  const clean = path.replace(/^\/?(?:v1\/)?/, '');
  for (const [re, build] of elementPaths) {
    const m = re.exec(clean);
    if (m) {
      try {
        return build(m.map((part) => decodeURIComponent(part)));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The canonical path of an element (ids not encoded, as Change targets are written). */
export const elementPath = (k: ElementKey): string =>
  k.type === 'GdcCommitment'
    ? `gdc/commitments/${k.from}`
    : k.type === 'Entity'
      ? `entities/${k.from}`
      : linkPath(k.type, k.from, k.to!);
