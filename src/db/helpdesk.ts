import type { ManagedTransaction } from 'neo4j-driver';
import { run } from './db.js';

export interface ChainNode {
  id: string;
  label: string;
  title: string | null;
  kind: string | null;
  ungisMember: boolean | null;
}

export type ChainLinkType =
  | 'FACILITATES'
  | 'RESPONSIBLE_FOR'
  | 'ALIGNS_WITH'
  | 'SUPPORTS'
  | 'CONTRIBUTES_TO'
  | 'PART_OF'
  | 'OF'
  | 'MEASURES';

export interface ChainLink {
  type: ChainLinkType;
  from: string;
  to: string;
  role: string | null;
  status: 'proposed' | 'endorsed' | 'retired';
  confidence: string | null;
  source: { document: string; locator: string; url: string | null };
}

/** One chain from an entity (nodes[0]) to a start node (the last node). */
export interface Chain {
  start: string;
  nodes: ChainNode[];
  links: ChainLink[];
}

/** Every chain from an entity to the start nodes (cypher/helpdesk/reasons.cypher). */
export async function readChains(
  tx: ManagedTransaction,
  starts: { id: string; label: string }[],
  language: string,
): Promise<Chain[]> {
  return run<Chain & Record<string, unknown>>(tx, 'helpdesk/reasons', { starts, language });
}

/** The node asked for by id, with its label in `language` where translated; undefined if none. */
export async function readNode(
  tx: ManagedTransaction,
  id: string,
  label: string,
  language: string,
): Promise<{ id: string; label: string; title: string | null } | undefined> {
  const [row] = await run<{ id: string; label: string; title: string | null }>(tx, 'helpdesk/node', {
    id,
    label,
    language,
  });
  return row;
}
