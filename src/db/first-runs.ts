import { setTimeout as sleep } from 'node:timers/promises';

/** Longest a query waits for another request's first run of the same text before it runs anyway. */
const MAX_WAIT_MS = 2000;

/**
 * One first run per query text after Neo4j (re)starts.
 *
 * Why: a restarted Neo4j has an empty plan cache, and it does not coordinate concurrent cache
 * misses: when ten requests run the same new query at once, Neo4j plans it ten times over
 * (measured on 2 cores: eight concurrent first runs of one text took as long as eight different
 * texts). After a restart every client arrives at once, so each of the write path's queries was
 * planned by every writer together, on a JVM that was cold as well.
 *
 * How: the first run of a text since the last outage goes alone; runs of the same text that
 * arrive meanwhile wait for it (at most MAX_WAIT_MS, so a wait can never turn into a deadlock with
 * a lock the first run needs) and then find the plan cached. Afterwards the text is known and
 * runs pass straight through. Per process: another API process plans its own first runs.
 */
export class FirstRuns {
  private readonly known = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly maxWaitMs = MAX_WAIT_MS) {}

  /** Neo4j went away: its plan cache may be gone when it comes back. */
  forget(): void {
    this.known.clear();
  }

  async run<T>(text: string, execute: () => Promise<T>): Promise<T> {
    if (this.known.has(text)) return execute();
    const first = this.running.get(text);
    if (first) {
      await Promise.race([first, sleep(this.maxWaitMs)]);
      const result = await execute();
      this.known.add(text);
      return result;
    }
    let finished = () => {};
    this.running.set(
      text,
      new Promise<void>((resolve) => {
        finished = resolve;
      }),
    );
    try {
      const result = await execute();
      this.known.add(text);
      return result;
    } finally {
      this.running.delete(text);
      finished();
    }
  }
}

/** Shared by every Db of the process (they talk to one Neo4j); Db forgets it at each outage. */
export const firstRuns = new FirstRuns();
