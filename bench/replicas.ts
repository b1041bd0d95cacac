// Synthetic replicas of the seeded roadmap, for bench:scale and for tests that need a graph larger
// than the seed: every roadmap node and relationship of the seed copied into disjoint replicas
// (ids shifted so each replica keeps the real id formats: C12…C22, goals 18…34, entities ITU-1 …).
// Synthetic nodes and links say so in their sourceDocument.
import neo4j from 'neo4j-driver';

type Props = Record<string, unknown>;
export interface SeedNode {
  label: string;
  props: Props;
}
export interface SeedLink {
  type: string;
  fromLabel: string;
  from: string;
  toLabel: string;
  to: string;
  props: Props;
}
/** Runs a named query (cypher/<name>.cypher) in a write transaction and returns its rows. */
export type RunQuery = <T = Record<string, unknown>>(name: string, params?: Record<string, unknown>) => Promise<T[]>;

/** The id of node `id` in replica k: every replica is a disjoint copy whose ids keep the real formats. */
function replicaId(label: string, id: string, k: number): string {
  switch (label) {
    case 'ActionLine': {
      const [, n, rest] = /^C(\d+)(.*)$/.exec(id)!;
      return `C${Number(n) + 11 * k}${rest}`;
    }
    case 'GdcObjective':
      return String(Number(id) + 5 * k);
    case 'GdcCommitment': {
      const [, n, rest] = /^(\d+)(.*)$/.exec(id)!;
      return `${Number(n) + 100 * k}${rest}`;
    }
    case 'Sdg':
      return String(Number(id) + 17 * k);
    case 'SdgTarget':
    case 'SdgIndicator': {
      const [goal, ...rest] = id.split('.');
      return [String(Number(goal) + 17 * k), ...rest].join('.');
    }
    default:
      return `${id}-${k}`;
  }
}

/** Whole numbers go back as Cypher integers (the seed's paragraphs and ordinals are integers). */
const asCypher = (props: Props): Props =>
  Object.fromEntries(Object.entries(props).map(([k, v]) => [k, Number.isInteger(v) ? neo4j.int(v as number) : v]));

function replicaNode(node: SeedNode, k: number): SeedNode {
  const id = String(node.props.id);
  const props: Props = { ...node.props, id: replicaId(node.label, id, k), replica: k };
  if (node.label === 'GdcCommitment') props.paragraph = Number(node.props.paragraph) + 100 * k;
  // The action-line order key (cypher/action-lines/set-sort-key.cypher): line number × 1000 + ordinal.
  if (node.label === 'ActionLine' && node.props.sortKey !== undefined)
    props.sortKey = Number(node.props.sortKey) + 11 * k * 1000;
  if ('sourceDocument' in props) props.sourceDocument = `synthetic replica ${k} of ${id} (npm run bench:scale)`;
  return { label: node.label, props: asCypher(props) };
}

function replicaLink(link: SeedLink, k: number) {
  return {
    type: link.type,
    pair: `${link.fromLabel}>${link.toLabel}`,
    from: replicaId(link.fromLabel, link.from, k),
    to: replicaId(link.toLabel, link.to, k),
    props: asCypher({
      ...link.props,
      ...('sourceDocument' in link.props ? { sourceDocument: `synthetic replica ${k} (npm run bench:scale)` } : {}),
    }),
  };
}

/** The seed's roadmap nodes and links, to be copied (read before any replica exists). */
export async function readSeed(query: RunQuery): Promise<{ nodes: SeedNode[]; links: SeedLink[] }> {
  return { nodes: await query<SeedNode>('bench/roadmap-nodes'), links: await query<SeedLink>('bench/roadmap-links') };
}

/**
 * Adds replicas [from, to) in batches of ≈20 k nodes (one write transaction per batch and kind),
 * then advances the revision (caches keyed by revision must not serve the smaller graph).
 */
export async function growReplicas(
  query: RunQuery,
  seed: { nodes: SeedNode[]; links: SeedLink[] },
  from: number,
  to: number,
): Promise<void> {
  const perBatch = Math.max(1, Math.floor(20_000 / seed.nodes.length));
  for (let k0 = from; k0 < to; k0 += perBatch) {
    const ks = Array.from({ length: Math.min(perBatch, to - k0) }, (_, i) => k0 + i);
    await query('bench/create-nodes', { rows: ks.flatMap((k) => seed.nodes.map((n) => replicaNode(n, k))) });
    await query('bench/create-links', { rows: ks.flatMap((k) => seed.links.map((l) => replicaLink(l, k))) });
  }
  await query('revision/advance');
}
