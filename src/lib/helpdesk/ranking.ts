import type { Chain, ChainLink, ChainNode } from '../../db/helpdesk.js';

/**
 * The help desk's ranking rules, in order (documented in the OpenAPI description of /v1/helpdesk):
 *   0. named first: an entity whose name or acronym the question matches, before any other;
 *   0b. strong matches first: chains to a node matched at least STRONG_MATCH as well as the best match
 *      come before chains to weaker matches (so a stray word's direct link cannot outrank the topic);
 *   1. direct before derived: an entity named in the question, then a link from the entity to what
 *      was asked about, then a chain through one node, then through two;
 *   2. lead before co: the role of the entity's own link — lead, co, partner, contributor;
 *   3. endorsed before proposed: a chain whose links are all endorsed before one with a proposed link;
 *   4. better match first: the search relevance of the node the chain ends at (1 for a question by id);
 *   5. then the entity with more distinct reasons, then the entity id (alphabetical), so the answer
 *      is the same on every call.
 * An entity's place is that of its best reason.
 */
/** Share of the best match's relevance that makes a match strong (rule 0). */
export const STRONG_MATCH = 0.6;

export const rankingRules = [
  'named first: an entity the question names (its acronym or name matches) comes before any other',
  `strong matches first: chains to a node matched at least ${STRONG_MATCH * 100}% as well as the best match come before chains to weaker matches`,
  'direct before derived: the entity named in the question, then a direct link, then chains through one node, then two',
  'lead before co: role of the entity’s own link — lead, co, partner, contributor',
  'endorsed before proposed: chains of endorsed links before chains with a proposed link',
  'better match first: search relevance of the matched node (questions by id count as a full match)',
  'then more distinct reasons first, then entity id alphabetically',
];

const roleOrder: Record<string, number> = { lead: 0, co: 1, partner: 2, contributor: 3 };

export type Relation = 'named' | 'facilitator' | 'responsible';
export type Role = 'lead' | 'co' | 'partner' | 'contributor';

export interface Reason {
  text: string;
  /** The node of the question this reason leads to. */
  start: { kind: string; id: string };
  /** 0 named, 1 direct link, 2–3 links through other nodes. */
  depth: number;
  relation: Relation;
  role: Role | null;
  /** endorsed when every link of the chain is, else proposed. */
  status: 'endorsed' | 'proposed';
  links: ChainLink[];
}

export interface Contact {
  rank: number;
  entity: { id: string; name: string; kind: string | null; ungisMember: boolean | null };
  relation: Relation;
  role: Role | null;
  status: 'endorsed' | 'proposed';
  direct: boolean;
  reasonCount: number;
  reasons: Reason[];
}

const MAX_REASONS = 5;

function ref(node: ChainNode): string {
  switch (node.label) {
    case 'ActionLine':
      return `${node.id} (${node.title})`;
    case 'GdcCommitment':
      return `GDC commitment ${node.id}`;
    case 'Sdg':
      return `SDG ${node.id} (${node.title})`;
    case 'SdgTarget':
      return `target ${node.id}`;
    case 'SdgIndicator':
      return `indicator ${node.id}`;
    default:
      return node.id;
  }
}

const roleText: Record<string, string> = {
  lead: 'lead facilitator of',
  co: 'co-facilitator of',
  partner: 'partner facilitator of',
};
const responsibleText: Record<string, string> = {
  lead: 'lead entity for',
  co: 'co-lead entity for',
  partner: 'partner for',
  contributor: 'contributor to',
};

/** "ITU — lead facilitator of C5 (…), which supports target 16.a" */
export function reasonText(chain: Chain): string {
  const [entity, ...rest] = chain.nodes;
  if (!entity) return '';
  if (rest.length === 0) return `${entity.id} — named in the question (${entity.title})`;
  const parts: string[] = [];
  chain.links.forEach((link, i) => {
    const to = chain.nodes[i + 1]!;
    const proposed = link.status === 'proposed' ? ' (proposed)' : '';
    if (i === 0) {
      const verb =
        link.type === 'FACILITATES'
          ? (roleText[link.role ?? ''] ?? 'facilitator of')
          : (responsibleText[link.role ?? ''] ?? 'responsible for');
      parts.push(`${verb} ${ref(to)}${proposed}`);
      return;
    }
    switch (link.type) {
      case 'ALIGNS_WITH':
        parts.push(`which aligns with ${ref(to)}${proposed}`);
        break;
      case 'SUPPORTS':
        parts.push(`which supports ${ref(to)}${proposed}`);
        break;
      case 'CONTRIBUTES_TO':
        parts.push(`which contributes to ${ref(to)}${proposed}`);
        break;
      case 'PART_OF':
        parts.push(`the parent line of ${to.id}`);
        break;
      case 'OF':
        parts.push(`a target of ${ref(to)}`);
        break;
      case 'MEASURES':
        parts.push(`which ${ref(to)} measures`);
        break;
      default:
        parts.push(`${link.type.toLowerCase()} ${ref(to)}`);
    }
  });
  return `${entity.id} — ${parts.join(', ')}`;
}

function toReason(chain: Chain): Reason {
  const first = chain.links[0];
  const last = chain.nodes[chain.nodes.length - 1]!;
  return {
    text: reasonText(chain),
    start: { kind: last.label, id: chain.start },
    depth: chain.links.length,
    relation: !first ? 'named' : first.type === 'FACILITATES' ? 'facilitator' : 'responsible',
    role: (first?.role as Role | undefined) ?? null,
    status: chain.links.every((l) => l.status === 'endorsed') ? 'endorsed' : 'proposed',
    links: chain.links,
  };
}

type Keyed = { reason: Reason; key: number[] };

/** Sort key of a reason by the rules above (lower is better); `relevance` maps start id → 0..1. */
function reasonKey(reason: Reason, relevance: ReadonlyMap<string, number>): number[] {
  const match = relevance.get(reason.start.id) ?? 0;
  return [
    reason.depth === 0 ? 0 : 1,
    match >= STRONG_MATCH ? 0 : 1,
    reason.depth,
    reason.role === null ? 0 : (roleOrder[reason.role] ?? 9),
    reason.status === 'endorsed' ? 0 : 1,
    -match,
  ];
}

const compareKeys = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
};

/**
 * Groups the chains by entity and ranks the entities by the rules above. `relevance` gives each
 * start node's match strength (best search hit = 1); starts asked for by id are 1.
 */
export function rankContacts(chains: Chain[], relevance: ReadonlyMap<string, number>): Contact[] {
  const byEntity = new Map<string, { entity: ChainNode; reasons: Map<string, Keyed> }>();
  for (const chain of chains) {
    const entity = chain.nodes[0]!;
    const reason = toReason(chain);
    const group = byEntity.get(entity.id) ?? { entity, reasons: new Map<string, Keyed>() };
    byEntity.set(entity.id, group);
    // The same chain can be reached from two starts only through different text; keep one per text.
    const seen = group.reasons.get(reason.text);
    const key = reasonKey(reason, relevance);
    if (!seen || compareKeys(key, seen.key) < 0) group.reasons.set(reason.text, { reason, key });
  }
  const ranked = [...byEntity.values()].map(({ entity, reasons }) => {
    const sorted = [...reasons.values()].sort(
      (a, b) => compareKeys(a.key, b.key) || a.reason.text.localeCompare(b.reason.text),
    );
    return { entity, sorted };
  });
  ranked.sort(
    (a, b) =>
      compareKeys(a.sorted[0]!.key, b.sorted[0]!.key) ||
      b.sorted.length - a.sorted.length ||
      a.entity.id.localeCompare(b.entity.id),
  );
  return ranked.map(({ entity, sorted }, index) => {
    const best = sorted[0]!.reason;
    return {
      rank: index + 1,
      entity: { id: entity.id, name: entity.title ?? entity.id, kind: entity.kind, ungisMember: entity.ungisMember },
      relation: best.relation,
      role: best.role,
      status: best.status,
      direct: best.depth <= 1,
      reasonCount: sorted.length,
      reasons: sorted.slice(0, MAX_REASONS).map((k) => k.reason),
    };
  });
}
