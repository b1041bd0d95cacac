import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import {
  diffOf,
  type LoggedChange,
  type NodeFamily,
  type NodeRestore,
  type NodeSnapshot,
  type RoadmapDiff,
  undoPlan,
} from '../domain/time-travel.js';
import { putActivities, removeActivities } from './activities.js';
import type { Db } from './db.js';
import { run } from './db.js';

/**
 * Reads of the roadmap as it was at an earlier revision. The state is rebuilt by undoing, in a write
 * transaction that is ALWAYS rolled back, every change made after that revision (its recorded
 * `before` put back, src/domain/time-travel.ts); the route's own read query then runs unchanged
 * inside that transaction. Nothing is ever committed: other readers never see the rebuilt state,
 * and the answer comes from the very queries that answered at the time.
 */

/** Carries the read's result out of the transaction while making the driver roll it back. */
class RollBack<T> extends Error {
  constructor(readonly value: T) {
    super('time-travel read: roll back');
    this.name = 'RollBack';
  }
}

export async function changesBetween(
  tx: ManagedTransaction,
  after: number,
  until: number | null,
): Promise<LoggedChange[]> {
  return run<LoggedChange & Record<string, unknown>>(tx, 'time-travel/changes-between', { after, until });
}

/**
 * Undoes every change after `revision` inside `tx` (which the caller never commits). The order
 * matters because curation relabels and renames nodes: links that did not exist then go first
 * (found by their ids now), then activities created since, then renumbers are undone (newest
 * first), nodes get their labels and properties back, links and activities are put back between
 * the nodes as they were, and last the nodes created since go.
 */
export async function rewindTo(tx: ManagedTransaction, revision: number): Promise<void> {
  const plan = undoPlan(await changesBetween(tx, revision, null));
  if (plan.removeLinks.length) await run(tx, 'time-travel/undo-links-remove', { remove: plan.removeLinks });
  await removeActivities(tx, plan.removeActivities);
  for (const rename of plan.renames) await run(tx, 'time-travel/undo-rename', rename);
  if (plan.restoreNodes.length) {
    await run(tx, 'time-travel/undo-nodes-restore', { restore: plan.restoreNodes.map(nodeRestoreRow) });
  }
  if (plan.restoreLinks.length) await run(tx, 'time-travel/undo-links-restore', { restore: plan.restoreLinks });
  await putActivities(
    tx,
    plan.restoreActivities.map((view) => ({ view, stamp: {} })),
  );
  if (plan.removeNodes.length) await run(tx, 'time-travel/undo-nodes-remove', { remove: plan.removeNodes });
}

/** A node restore as the Cypher takes it: integers written back as integers, the labels it may lose. */
function nodeRestoreRow(n: NodeRestore) {
  const props = { ...n.props };
  for (const key of n.ints) if (typeof props[key] === 'number') props[key] = neo4j.int(props[key] as number);
  return { ...n, props, dropLabels: [n.family, `Retired${n.family}`, 'RoadmapNode'] };
}

/** A node exactly as stored now, live or a tombstone (for a curation write's replay record); null when absent. */
export async function nodeSnapshot(
  tx: ManagedTransaction,
  family: NodeFamily,
  id: string,
): Promise<NodeSnapshot | null> {
  const [row] = await run<{ snapshot: NodeSnapshot }>(tx, 'time-travel/node-snapshot', { family, id });
  return row?.snapshot ?? null;
}

/** Runs `work` against the roadmap as it was at `revision`; the rewound state is rolled back. */
export async function readAtRevision<T>(
  db: Db,
  revision: number,
  work: (tx: ManagedTransaction) => Promise<T>,
): Promise<T> {
  try {
    await db.write(async (tx) => {
      // Hold the revision lock first: no write applies meanwhile, so the change log and the data
      // read below belong to one state (the same lock readers fall back to, cypher/revision/hold).
      await run(tx, 'revision/hold');
      await rewindTo(tx, revision);
      throw new RollBack(await work(tx));
    });
  } catch (error) {
    if (error instanceof RollBack) return error.value as T;
    throw error;
  }
  throw new Error('unreachable: the time-travel transaction always rolls back');
}

/** The net difference between two revisions, from the change log alone. */
export async function diffBetween(db: Db, from: number, to: number): Promise<RoadmapDiff> {
  return db.read(async (tx) => diffOf(await changesBetween(tx, from, to)));
}

/** The newest revision before which the log cannot rebuild the roadmap (a bulk seed load), or null. */
export async function reconstructionBarrier(tx: ManagedTransaction): Promise<number | null> {
  const [row] = await run<{ barrier: number | null }>(tx, 'time-travel/oldest-reconstructable');
  return row?.barrier ?? null;
}
