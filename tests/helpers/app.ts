import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { testNeo4j } from './neo4j.js';

/** The real app wired to the test database; `env` overrides any variable (e.g. NEO4J_URI for a proxy). */
export async function buildTestApp(env: Record<string, string> = {}): Promise<FastifyInstance> {
  const { uri, username, password } = testNeo4j();
  const config = loadConfig({
    NEO4J_URI: uri,
    NEO4J_USERNAME: username,
    NEO4J_PASSWORD: password,
    LOG_LEVEL: 'silent',
    RETRY_AFTER_SECONDS: '7',
    // Suites that change the graph behind the API's back (plain Cypher) expect the next read to
    // see it at once: no staleness window for them. tests/api/read-cache.test.ts sets its own.
    REVISION_MAX_STALE_MS: '0',
    // A healthy Neo4j on a busy 2-core machine can take over the default 1 s to open a connection
    // (a cold server's first logins); functional suites should not read that as an outage. Outage
    // tests still get their 503 at once (a stopped Neo4j refuses connections: nothing waits out a
    // time-out), and the chaos suite runs its API processes with the defaults.
    NEO4J_ACQUISITION_TIMEOUT_MS: '10000',
    NEO4J_CONNECTION_TIMEOUT_MS: '10000',
    ...env,
  });
  const app = await buildApp(config, { logger: false });
  await app.ready();
  return app;
}

/** Parses a problem+json response and checks the RFC 9457 members every error body must have. */
export function expectProblem(response: { headers: Record<string, unknown>; body: string; statusCode: number }) {
  const contentType = String(response.headers['content-type'] ?? '');
  if (!contentType.startsWith('application/problem+json')) {
    throw new Error(`expected application/problem+json, got ${contentType}: ${response.body}`);
  }
  const body = JSON.parse(response.body) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    instance: string;
    errors?: { path: string; message: string }[];
  };
  for (const member of ['type', 'title', 'status', 'detail', 'instance'] as const) {
    if (body[member] === undefined) throw new Error(`problem body lacks "${member}": ${response.body}`);
  }
  if (body.status !== response.statusCode)
    throw new Error(`problem status ${body.status} != HTTP ${response.statusCode}`);
  return body;
}
