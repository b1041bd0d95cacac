import type { FastifyInstance } from 'fastify';
import { Neo4jError } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { run } from '../../src/db/db.js';
import { asQueryError } from '../../src/db/errors.js';
import { expectProblem } from '../helpers/app.js';
import { testNeo4j } from '../helpers/neo4j.js';

/**
 * A query Neo4j refuses for lack of memory (its per-transaction limit, db.memory.transaction.max,
 * or the shared pool) must answer a clear 503 problem at once: the driver files these codes as
 * transient and would otherwise retry the doomed query for 30 s, then the API would answer 500.
 * The refusal is raised here with Neo4j's own error code inside a real managed read transaction
 * (reproducing a genuine one needs a graph far larger than the seed: see npm run bench:scale).
 */
describe('a query Neo4j refuses for lack of memory', () => {
  let app: FastifyInstance;
  let attempts = 0;

  beforeAll(async () => {
    const { uri, username, password } = testNeo4j();
    app = await buildApp(
      loadConfig({
        NEO4J_URI: uri,
        NEO4J_USERNAME: username,
        NEO4J_PASSWORD: password,
        LOG_LEVEL: 'silent',
        RETRY_AFTER_SECONDS: '9',
      }),
      { logger: false },
    );
    app.get('/test/memory-refusal', async () =>
      app.db.read(async (tx) => {
        attempts += 1;
        await run(tx, 'revision/value'); // a real round trip in the same transaction
        throw asQueryError(
          new Neo4jError(
            'The allocation of an extra 2.0 MiB would use more than the limit 256.0 MiB.',
            'Neo.TransientError.General.TransactionOutOfMemoryError',
            'N/A',
            'N/A',
          ),
        );
      }),
    );
    await app.ready();
  });
  afterAll(async () => app?.close());

  it('answers 503 query-too-large with Retry-After, after one attempt (no driver retries)', async () => {
    const response = await app.inject({ method: 'GET', url: '/test/memory-refusal' });
    expect(response.statusCode).toBe(503);
    const problem = expectProblem(response);
    expect(problem.type).toBe('/problems/query-too-large');
    expect(problem.detail).toMatch(/Narrow it/);
    expect(response.headers['retry-after']).toBe('9');
    expect(attempts).toBe(1);
  });
});
