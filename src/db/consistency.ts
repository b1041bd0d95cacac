/**
 * Reads that show one committed state, labelled with its revision, under Neo4j's read-committed
 * isolation.
 *
 * Why a check is needed: a Neo4j reader takes no locks and reads the store as it is. A commit's
 * changes are applied record by record, so a reader running alongside can see part of a
 * transaction (a relationship gone but its properties still read, the revision advanced but the
 * data not yet, or the reverse). Reading the revision before and after the data is therefore not
 * enough on its own: the revision's new value may become visible before or after the data it
 * describes.
 *
 * The scheme (a sequence lock spread over transactions, each committed before the next starts):
 *   writer  phase 1  tx: add an entry to GraphRevision.pending              (committed)
 *           phase 2  tx: lock the revision node, check the entry is still
 *                        there, change data, advance the revision, Change   (committed)
 *           phase 3  tx: remove the entry from pending                       (committed)
 *   reader  one read tx: revision, then pending → data → pending, then revision (four statements,
 *           in this order); trust the data only when pending was empty both times and the
 *           revision is the same.
 * A Neo4j commit returns after its changes are applied, so every phase-2 change is applied
 * while the writer's entry is visibly pending. Say the data saw some change of a writer's phase 2.
 * If that phase 2 had not finished applying when the closing pending read ran, the entry is still
 * there (phase 1 came before, phase 3 comes after): retry. If it had, the closing revision read,
 * which comes after, shows its revision; the opening revision read can only show it too if it ran
 * after that phase 2 applied its revision, and then the opening pending read, which comes after
 * that, still saw the entry unless the phase 2 had finished: so the data saw all of it. Each check
 * needs its two reads in its own order (see opening and closing below): one statement reading both
 * properties gives no order, and its thread can be descheduled between the two reads.
 *
 * A reader that cannot get a clean pass after a few optimistic tries (writers are busy) takes the
 * revision node's write lock instead — the lock every phase 2 holds while applying — and reads
 * under it: no write applies meanwhile and every earlier commit is fully visible. Reads thus
 * never fail because of writes; they only wait for at most one write.
 *
 * An entry whose writer died between phases is dropped by the next writer once older than the
 * stale limit, or at once by its own process (its "abandoned" entries) when Neo4j is back. That
 * is safe: phase 2 checks its entry under the lock, and a lock holder never runs concurrently
 * with another phase 2.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Db } from './db.js';
import { run } from './db.js';

/** Optimistic passes before a reader falls back to reading under the revision lock. */
const OPTIMISTIC_ATTEMPTS = 3;

interface Stable {
  revision: number;
  pending: number;
}

/** The committed graph revision (cypher/revision/value.cypher): 0 before anything was written. */
export async function committedRevision(tx: ManagedTransaction): Promise<number> {
  return (await run<{ revision: number }>(tx, 'revision/value'))[0]?.revision ?? 0;
}

const pendingIn = async (tx: ManagedTransaction) =>
  (await run<{ pending: number }>(tx, 'revision/pending'))[0]?.pending ?? 0;

/**
 * The opening check: the revision, then the announced writes, in two statements run one after the
 * other. A statement reads each property as it is at that instant and its thread can be
 * descheduled between two reads (two cores, a dozen busy threads), so one statement reading both
 * may read them far apart and in either order. The orders below are the ones the proof needs:
 * opening with pending first could see "nothing announced" just before a writer's phase 1 and then
 * the revision its phase 2 had set, halfway through applying its data.
 */
async function opening(tx: ManagedTransaction): Promise<Stable> {
  const revision = await committedRevision(tx);
  return { revision, pending: await pendingIn(tx) };
}

/**
 * The closing check: the announced writes, then the revision (the reverse of opening). Closing
 * with the revision first could read the old revision, be descheduled while a writer finishes its
 * phase 2 and settles (phase 3), then read "nothing announced": data the read saw half-applied
 * would pass under the old revision. Pending first, an empty list means every write the data saw
 * had finished, and the revision read after it then differs from the opening one.
 */
async function closing(tx: ManagedTransaction): Promise<Stable> {
  const pending = await pendingIn(tx);
  return { revision: await committedRevision(tx), pending };
}

/** Registers work to run only once the read has been proven consistent (e.g. storing in a cache). */
export type WhenConsistent = (action: () => void) => void;

/**
 * Sends the closing check now, pipelined behind the queries already sent, instead of one round
 * trip after `work` returns. Only offered by a read made with `pipelinedClose` (every query then
 * runs to its end before Neo4j starts the next one sent), and sound only when `work` sends no data
 * query after calling it; elsewhere it does nothing.
 */
export type CloseEarly = () => void;

export type ConsistentWork<T> = (
  tx: ManagedTransaction,
  revision: number,
  whenConsistent: WhenConsistent,
  closeEarly: CloseEarly,
) => Promise<T>;

/**
 * Which pass a consistent read was answered by: the n-th optimistic one, or the one under the
 * revision lock (reported in a Server-Timing header, so a surprising answer can be traced).
 */
export type ReadPass = `optimistic ${number}` | 'locked';

/** Thrown inside an optimistic pass that saw a write in progress; never leaves consistentRead. */
class Unstable extends Error {}

/**
 * Runs `work` so that what it returns is the state committed at `revision` (see above).
 * `work` may run several times; errors it throws count only if the pass was consistent (a 404
 * caused by a half-applied delete is retried, not answered).
 */
export async function consistentRead<T>(
  db: Db,
  work: ConsistentWork<T>,
  options: { pipelinedClose?: boolean } = {},
): Promise<{ revision: number; value: T; pass: ReadPass }> {
  const pipelinedClose = options.pipelinedClose === true;
  for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
    const actions: (() => void)[] = [];
    try {
      const outcome = await db.readTurn(() =>
        db.read(
          async (tx) => {
            const before = await opening(tx);
            if (before.pending > 0) throw new Unstable();
            // With fetch-all, Neo4j answers the messages of one transaction in the order they were
            // sent and runs each query to its end first: a check sent after the last data query is
            // read after every record of it, as if sent once the records had arrived.
            let closed: Promise<Stable> | undefined;
            const closeEarly: CloseEarly = () => {
              if (!pipelinedClose || closed) return;
              closed = closing(tx);
              closed.catch(() => {}); // awaited below unless work fails first
            };
            let value: T;
            try {
              value = await work(tx, before.revision, (action) => actions.push(action), closeEarly);
            } catch (error) {
              // A driver error has already rolled the transaction back: nothing more can run in it.
              const after = await closing(tx).catch(() => {
                throw error;
              });
              if (before.pending > 0 || after.pending > 0 || after.revision !== before.revision) throw new Unstable();
              throw error;
            }
            const after = await (closed ?? closing(tx));
            if (before.pending > 0 || after.pending > 0 || after.revision !== before.revision) throw new Unstable();
            return { revision: before.revision, value, pass: `optimistic ${attempt + 1}` as const };
          },
          { fetchAll: pipelinedClose },
        ),
      );
      for (const action of actions) action();
      return outcome;
    } catch (error) {
      if (!(error instanceof Unstable)) throw error;
      await sleep(2 + Math.random() * 8 * (attempt + 1));
    }
  }
  // Writers kept the optimistic path busy: read under the lock phase 2 holds. Right after Neo4j
  // (re)started, plan that pass's queries first, without the lock.
  if (db.mayBeCold) await rehearseLocked(db, work);
  const actions: (() => void)[] = [];
  const outcome = await db.readTurn(() =>
    db.write(async (tx) => {
      actions.length = 0; // a retried transaction starts over
      const [row] = await run<{ revision: number }>(tx, 'revision/hold');
      const revision = row?.revision ?? 0;
      // Under the lock nothing can change: there is no closing check to send.
      return {
        revision,
        pass: 'locked' as const,
        value: await work(
          tx,
          revision,
          (action) => actions.push(action),
          () => {},
        ),
      };
    }),
  );
  for (const action of actions) action();
  return outcome;
}

/** Ends a rehearsal by rolling its transaction back; never leaves rehearseLocked. */
class RehearsalOver extends Error {}

/**
 * Runs `work` once as the locked pass will, but without the lock, and throws everything away.
 *
 * Neo4j caches a query's plan apart for a transaction that has already written (measured with the
 * launcher's query-shape recorder, tools/neo4j-launcher), and the locked pass runs its queries
 * after the write that takes the lock. So the rehearsal starts with a write of its own (a node,
 * cypher/revision/rehearsal.cypher), runs the work, and rolls back: the locked pass then finds
 * its plans cached instead of planning them while every writer waits for the lock (seen in the
 * chaos suite after a restart: one locked read planning for 0.8 s, writers queued behind it).
 */
async function rehearseLocked<T>(db: Db, work: ConsistentWork<T>): Promise<void> {
  try {
    await db.readTurn(() =>
      db.write(async (tx) => {
        await run(tx, 'revision/rehearsal');
        const revision = await committedRevision(tx);
        await work(
          tx,
          revision,
          () => {},
          () => {},
        ).catch(() => {});
        throw new RehearsalOver();
      }),
    );
  } catch (error) {
    if (!(error instanceof RehearsalOver)) throw error;
  }
}
