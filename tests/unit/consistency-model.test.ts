/**
 * The order of a consistent read's checks (src/db/consistency.ts), against a model of Neo4j's
 * read-committed store: every statement the reader runs sees the store as it is at that instant,
 * and between any two statements any number of a writer's steps may be applied (its phase 1; its
 * phase 2 applying two data changes and the revision, in any order; its phase 3). Every schedule
 * is tried: whatever consistentRead accepts must be the state of the revision it names.
 *
 * A model, not Neo4j: the real store is exercised by tests/db/consistency.test.ts and the chaos
 * suite (tests/chaos/), where a wrong check order shows only when a thread is descheduled at the
 * wrong instant.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { consistentRead } from '../../src/db/consistency.js';
import { cypher } from '../../src/db/cypher.js';
import type { Db } from '../../src/db/db.js';

interface Store {
  revision: number;
  pending: number;
  x: string;
  y: string;
}

type Step = (s: Store) => void;
const phase1: Step = (s) => {
  s.pending += 1;
};
const phase2 = {
  x: ((s) => void (s.x = 'new')) as Step,
  y: ((s) => void (s.y = 'new')) as Step,
  revision: ((s) => void (s.revision = 2)) as Step,
};
const phase3: Step = (s) => {
  s.pending -= 1;
};

const orders = <T>(items: T[]): T[][] =>
  items.length <= 1
    ? [items]
    : items.flatMap((item, i) => orders(items.filter((_, j) => j !== i)).map((rest) => [item, ...rest]));

/** Every way to place `steps` writer steps in `gaps` gaps (before each statement, or after all). */
function* placements(steps: number, gaps: number): Generator<number[]> {
  if (gaps === 1) {
    yield [steps];
    return;
  }
  for (let here = 0; here <= steps; here++)
    for (const rest of placements(steps - here, gaps - 1)) yield [here, ...rest];
}

/** The statements of one optimistic pass: opening (2), the data (2), closing (2). */
const STATEMENTS_PER_PASS = 6;

/** Runs one consistent read while the writer's steps are applied as `before[i]` says before statement i. */
async function readUnder(writer: Step[], before: number[]) {
  const store: Store = { revision: 1, pending: 0, x: 'old', y: 'old' };
  const queue = [...writer];
  let statement = 0;
  const answer = (text: string): Record<string, unknown> => {
    if (text === cypher('revision/value')) return { revision: store.revision };
    if (text === cypher('revision/pending')) return { pending: store.pending };
    // The locked pass: the lock waits for a phase 2 in progress and keeps the next one out.
    if (text === cypher('revision/hold')) {
      while (queue.length > 0) queue.shift()!(store);
      return { revision: store.revision };
    }
    if (text === 'READ x') return { value: store.x };
    if (text === 'READ y') return { value: store.y };
    throw new Error(`unexpected statement ${text.slice(0, 60)}`);
  };
  const tx = {
    run: async (text: string) => {
      for (let n = before[statement++] ?? queue.length; n > 0 && queue.length > 0; n--) queue.shift()!(store);
      const row = answer(text);
      return { records: [{ toObject: () => row, get: (key: string) => row[key] }] };
    },
  } as unknown as ManagedTransaction;
  const db = {
    mayBeCold: false,
    readTurn: <T>(pass: () => Promise<T>) => pass(),
    read: <T>(work: (t: ManagedTransaction) => Promise<T>) => work(tx),
    write: <T>(work: (t: ManagedTransaction) => Promise<T>) => work(tx),
  } as unknown as Db;
  const read = async (t: ManagedTransaction, key: 'x' | 'y') =>
    (await t.run(`READ ${key}`)).records[0]!.get('value') as string;
  const { revision, value } = await consistentRead(db, async (t) => [await read(t, 'x'), await read(t, 'y')]);
  return { revision, value };
}

describe('the order of a consistent read’s checks, under every interleaving with one write', () => {
  it('accepts only the state of the revision it names', async () => {
    const runs: Promise<string | undefined>[] = [];
    for (const inPhase2 of orders([phase2.x, phase2.revision, phase2.y])) {
      const writer = [phase1, ...inPhase2, phase3];
      for (const placement of placements(writer.length, STATEMENTS_PER_PASS + 1)) {
        // All at once: each has its own store, and the pauses between passes then overlap.
        runs.push(
          readUnder(writer, placement).then(({ revision, value }) => {
            const expected = revision === 1 ? ['old', 'old'] : ['new', 'new'];
            return JSON.stringify(value) === JSON.stringify(expected)
              ? undefined
              : `r${revision} ${JSON.stringify(value)} with steps ${JSON.stringify(placement)}`;
          }),
        );
      }
    }
    const schedules = runs.length;
    const wrong = (await Promise.all(runs)).filter(Boolean);
    expect(schedules).toBe(6 * 462);
    expect(wrong).toEqual([]);
  });
});
