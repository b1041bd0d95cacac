/**
 * The pipelined closing check of a consistent read (src/db/consistency.ts, `pipelinedClose`): the
 * check is sent right behind the last data query, before that query's records have arrived. It
 * is sound only if Neo4j reads every record of the data query before it runs the check. Here a
 * write commits while the reader holds the first records of a long answer whose rows each read
 * the revision again: whatever consistentRead returns must show one revision in every row.
 */
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consistentRead } from '../../src/db/consistency.js';
import { cypher } from '../../src/db/cypher.js';
import { Db } from '../../src/db/db.js';
import { openTestDriver, resetDatabase } from '../helpers/neo4j.js';

// More rows than the driver's default batch (1000): without fetch-all the later rows would be
// produced by a later PULL, after the write below.
const ROWS = 5000;
const ROWS_READING_THE_REVISION = `
UNWIND range(1, $rows) AS i
CALL (i) { MATCH (r:GraphRevision {id: 'graph'}) RETURN r.value AS revision }
RETURN i, revision`;

let driver: Driver;
let db: Db;

const advance = () => driver.executeQuery(cypher('revision/advance'));

beforeAll(async () => {
  driver = openTestDriver();
  await resetDatabase(driver);
  await advance();
  db = new Db(driver);
});

afterAll(async () => {
  await driver?.close();
});

describe('consistentRead with the closing check pipelined behind the last query', () => {
  it('a write committed while the records stream never passes as consistent', async () => {
    let passes = 0;
    const { revision, value } = await consistentRead(
      db,
      async (tx, _revision, _whenConsistent, closeEarly) => {
        passes += 1;
        const result = tx.run(ROWS_READING_THE_REVISION, { rows: ROWS });
        closeEarly();
        const seen: number[] = [];
        for await (const record of result) {
          // On the first pass only: a write commits while the reader holds the first records.
          if (seen.length === 0 && passes === 1) await advance();
          seen.push(record.get('revision') as number);
        }
        return seen;
      },
      { pipelinedClose: true },
    );
    expect(value).toHaveLength(ROWS);
    expect(new Set(value)).toEqual(new Set([revision]));
  });
});

describe('consistentRead right after a (re)connect, while a write is pending', () => {
  // An announced write: every optimistic pass that sees it gives up, and the read ends under the
  // revision lock. Each run of `work` returns how many times it has run.
  const entry = `${Date.now()}:consistency-test`;
  const settle = () => driver.executeQuery(cypher('revision/settle'), { entries: [entry] });
  beforeEach(async () => {
    await driver.executeQuery(cypher('revision/intent'), { entry, abandoned: [''], staleBefore: 0 });
  });
  afterEach(settle);

  it('rehearses the work once outside the lock, and answers only what the locked pass read', async () => {
    let runs = 0;
    // The write is settled while the rehearsal reads (revision unchanged): pending at the start of
    // a pass is enough for its data never to be trusted.
    const { value } = await consistentRead(new Db(driver), async () => {
      runs += 1;
      if (runs === 1) await settle();
      return runs;
    });
    expect(runs).toBe(2);
    expect(value).toBe(2);
  });

  it('rehearses after a write of its own (planned as the locked pass runs it), rolled back', async () => {
    // Nodes without a label: the rehearsal's own write creates one, which only it can see.
    const unlabelled = async (tx: ManagedTransaction) =>
      Number((await tx.run('MATCH (n) WHERE size(labels(n)) = 0 RETURN count(n) AS n')).records[0]!.get('n'));
    const seen: number[] = [];
    const { value } = await consistentRead(new Db(driver), async (tx) => {
      seen.push(await unlabelled(tx));
      return seen.length;
    });
    expect(value).toBe(2);
    expect(seen).toEqual([seen[1]! + 1, seen[1]]);
    const after = await driver.executeQuery('MATCH (n) WHERE size(labels(n)) = 0 RETURN count(n) AS n');
    expect(Number(after.records[0]!.get('n'))).toBe(seen[1]);
  });

  it('runs the work only under the lock once the plan cache is no longer cold', async () => {
    let runs = 0;
    const warm = new Db(driver, { maxRetryTimeMs: 5000, unavailableTimeoutMs: 1000, coldWindowMs: 0 });
    const { value } = await consistentRead(warm, async () => ++runs);
    expect(runs).toBe(1);
    expect(value).toBe(1);
  });
});
