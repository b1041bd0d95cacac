/**
 * The pipelined closing check of a consistent read (src/db/consistency.ts, `pipelinedClose`): the
 * check is sent right behind the last data query, before that query's records have arrived. It
 * is sound only if Neo4j reads every record of the data query before it runs the check. Here a
 * write commits while the reader holds the first records of a long answer whose rows each read
 * the revision again: whatever consistentRead returns must show one revision in every row.
 */
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
