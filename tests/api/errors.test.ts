import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { runMigrations } from '../../src/db/migrate.js';
import { buildTestApp, expectProblem } from '../helpers/app.js';
import { openTestDriver } from '../helpers/neo4j.js';

describe('error bodies are RFC 9457 problem+json', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    // Readiness needs a migrated database; this file must not rely on another having migrated it.
    const driver = openTestDriver();
    await runMigrations(driver);
    await driver.close();
    app = await buildTestApp();
  });
  afterAll(async () => app.close());

  it('unknown route → 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/no-such-thing' });
    expect(response.statusCode).toBe(404);
    const problem = expectProblem(response);
    expect(problem.detail).toContain('/v1/no-such-thing');
  });

  it('bad query parameters → 400 naming each field', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/action-lines?limit=0&offset=-1&kind=group' });
    expect(response.statusCode).toBe(400);
    const problem = expectProblem(response);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['query.kind', 'query.limit', 'query.offset']);
  });

  it('unknown query parameter → 400 naming it', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/action-lines?colour=blue' });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(expectProblem(response).errors)).toContain('colour');
  });

  it('malformed path id → 400 naming path.id', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/action-lines/C99' });
    expect(response.statusCode).toBe(400);
    expect(expectProblem(response).errors?.[0]?.path).toBe('path.id');
  });

  it('a JSON-only read answers 406 to an Accept without JSON, and serves JSON when it is acceptable at all', async () => {
    const refused = await app.inject({
      method: 'GET',
      url: '/v1/action-lines',
      headers: { accept: 'application/xml' },
    });
    expect(refused.statusCode).toBe(406);
    expect(expectProblem(refused).detail).toContain('application/json');
    for (const accept of ['text/html, application/json;q=0.5', '*/*', 'application/*', 'application/problem+json']) {
      const ok = await app.inject({ method: 'GET', url: '/readyz', headers: { accept } });
      expect(ok.statusCode, accept).toBe(200);
      expect(ok.headers['content-type'], accept).toMatch(/^application\/json/);
      expect(ok.json(), accept).toMatchObject({ status: 'ready' });
    }
  });

  it('5xx bodies never leak internals', async () => {
    // A route that throws a raw error, registered on a throwaway child context of the real app.
    const { buildApp } = await import('../../src/app.js');
    const { loadConfig } = await import('../../src/config.js');
    const other = await buildApp(loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:1' }), { logger: false });
    other.get('/boom', async () => {
      throw new Error('secret stack detail at /srv/internal.ts:42');
    });
    const response = await other.inject({ method: 'GET', url: '/boom' });
    await other.close();
    expect(response.statusCode).toBe(500);
    const problem = expectProblem(response);
    expect(response.body).not.toContain('secret');
    expect(problem.title).toBe('Internal server error');
  });

  it('every response carries a request id, and a caller-supplied one is kept', async () => {
    const response = await app.inject({ method: 'GET', url: '/livez', headers: { 'x-request-id': 'trace-123' } });
    expect(response.headers['x-request-id']).toBe('trace-123');
  });
});
