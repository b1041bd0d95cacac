import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { cypher } from './cypher.js';
import { CommitOutcomeUnknown } from './errors.js';
import { firstRuns } from './first-runs.js';

/** An announced write older than this is taken for a dead writer's and dropped by the next writer. */
export const STALE_INTENT_MS = 30_000;

type WriteRunner = <T>(work: (tx: ManagedTransaction) => Promise<T>) => Promise<T>;

/**
 * Phases 1 and 3 of every write (see src/db/consistency.ts): announcing a write on the graph
 * revision node and settling it. Entries this process could not settle (Neo4j went away between
 * phases) are remembered and removed by its next announcement or settlement, or as soon as Neo4j
 * is reachable again, so readers do not have to fall back to locked reads for long.
 */
export class WriteIntents {
  private readonly abandoned = new Set<string>();
  /** Settlements started by settleSoon and not over yet. */
  private readonly settling = new Set<Promise<void>>();

  constructor(private readonly write: WriteRunner) {}

  /** Phase 1: commits the announcement and returns its entry. */
  async announce(): Promise<string> {
    const entry = `${Date.now()}:${randomUUID()}`;
    const abandoned = [...this.abandoned];
    try {
      const text = cypher('revision/intent');
      const params = {
        entry,
        // Never an empty list: Neo4j keys its plan cache by parameter types, and an empty list is
        // not a list of strings, so the first write after an outage (the one with abandoned entries)
        // would plan this query a second time on a cold server. '' matches no entry.
        abandoned: ['', ...abandoned],
        staleBefore: Date.now() - STALE_INTENT_MS,
      };
      await this.write((tx) => firstRuns.run(text, async () => tx.run(text, params)));
    } catch (error) {
      // The announcement may have committed: clear it later.
      if (error instanceof CommitOutcomeUnknown) this.abandoned.add(entry);
      throw error;
    }
    for (const a of abandoned) this.abandoned.delete(a);
    return entry;
  }

  /**
   * Phase 3 without waiting for it: the write it belongs to is acknowledged once phase 2 committed.
   * Settling takes the revision node's lock, which the writers queued behind one another hold in
   * turn; measured in the chaos suite after a restart, a write committed at +1.0 s was acknowledged
   * at +2.1 s, its settlement waiting behind five other writers. Readers lose nothing: until it
   * lands they see the entry and do not trust what they read, as while the write was running.
   */
  settleSoon(entry: string): void {
    const settling: Promise<void> = this.settle(entry).finally(() => this.settling.delete(settling));
    this.settling.add(settling);
  }

  /** Resolves once every settlement started by settleSoon so far is over (the app awaits it when closing). */
  async settled(): Promise<void> {
    await Promise.all([...this.settling]);
  }

  /**
   * Phase 3: never throws; an entry that cannot be removed now is removed later. `write` runs it
   * on another path (Db settles abandoned entries before it reopens after an outage).
   */
  async settle(entry?: string, write: WriteRunner = this.write): Promise<void> {
    const entries = [...(entry ? [entry] : []), ...this.abandoned];
    if (entries.length === 0) return;
    try {
      const text = cypher('revision/settle');
      await write((tx) => firstRuns.run(text, async () => tx.run(text, { entries })));
      for (const e of entries) this.abandoned.delete(e);
    } catch {
      if (entry) this.abandoned.add(entry);
    }
  }
}
