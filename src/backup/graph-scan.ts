import type { Transaction } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import { ContentHasher, encodeProps, type Props } from './format.js';

/**
 * Reads every node, then every relationship, through one open transaction (records streamed, so
 * a large graph does not have to fit in memory twice) and hands each to the callbacks with its
 * properties already encoded. Needs a driver with lossless integers (the default).
 */
export async function scanGraph(
  tx: Transaction,
  onNode: (elementId: string, labels: string[], props: Props) => void | Promise<void>,
  onRelationship: (type: string, from: string, to: string, props: Props) => void | Promise<void>,
): Promise<void> {
  for await (const record of tx.run(cypher('backup/nodes'))) {
    await onNode(record.get('id') as string, record.get('labels') as string[], encodeProps(record.get('props')));
  }
  for await (const record of tx.run(cypher('backup/relationships'))) {
    await onRelationship(
      record.get('type') as string,
      record.get('from') as string,
      record.get('to') as string,
      encodeProps(record.get('props')),
    );
  }
}

/** The canonical content hash and counts of the graph as this transaction sees it. */
export async function graphContentHash(
  tx: Transaction,
): Promise<{ contentHash: string; nodes: number; relationships: number }> {
  const hasher = new ContentHasher();
  await scanGraph(
    tx,
    (id, labels, props) => hasher.addNode(id, labels, props),
    (type, from, to, props) => hasher.addRelationship(type, from, to, props),
  );
  return { contentHash: hasher.digest(), ...hasher.counts };
}
