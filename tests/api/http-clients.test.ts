import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, expectProblem } from '../helpers/app.js';
import {
  editingFixture,
  etagOf,
  graphState,
  testSource,
  type EditingFixture,
  entitiesNotFacilitating,
} from '../helpers/editing.js';

const DASHBOARD = 'http://dashboard.test:8080';

describe('HTTP for browsers and REST clients', () => {
  let f: EditingFixture;
  let closed: FastifyInstance;
  let free: string[] = [];
  beforeAll(async () => {
    f = await editingFixture({ CORS_ORIGINS: `${DASHBOARD}, https://other.example` });
    closed = await buildTestApp();
    free = await entitiesNotFacilitating(f.app, 'C10');
  });
  afterAll(async () => {
    await closed.close();
    await f.close();
  });

  const facilitator = (entity: string) => `/v1/action-lines/C10/facilitators/${encodeURIComponent(entity)}`;
  const put = (entity: string, headers: Record<string, string> = {}) =>
    f.app.inject({
      method: 'PUT',
      url: facilitator(entity),
      headers: { ...f.as('editor'), ...headers },
      payload: { role: 'partner', source: testSource },
    });

  describe('CORS', () => {
    it('answers the preflight of any route for a listed origin, allowing the headers clients send', async () => {
      for (const [method, url] of [
        ['GET', '/v1/matrix'],
        ['PUT', facilitator('ITU')],
        ['POST', '/v1/changes/stream-tickets'],
        ['DELETE', facilitator('ITU')],
      ] as const) {
        const response = await f.app.inject({
          method: 'OPTIONS',
          url,
          headers: {
            origin: DASHBOARD,
            'access-control-request-method': method,
            'access-control-request-headers': 'authorization, if-match, content-type',
          },
        });
        expect(response.statusCode, `${method} ${url}`).toBe(204);
        expect(response.headers['access-control-allow-origin']).toBe(DASHBOARD);
        expect(String(response.headers['access-control-allow-methods'])).toContain(method);
        expect(String(response.headers['access-control-allow-headers']).toLowerCase()).toMatch(
          /authorization.*if-match/,
        );
      }
    });

    it('a GET from a listed origin carries Access-Control-Allow-Origin and exposes ETag, Retry-After, Location, X-Request-Id', async () => {
      const response = await f.app.inject({ method: 'GET', url: '/v1/coverage', headers: { origin: DASHBOARD } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe(DASHBOARD);
      const exposed = String(response.headers['access-control-expose-headers']).toLowerCase().split(/,\s*/);
      expect(exposed).toEqual(expect.arrayContaining(['etag', 'retry-after', 'location', 'x-request-id']));
      expect(String(response.headers.vary).toLowerCase()).toContain('origin');
    });

    it('an unknown origin gets 403 problem+json naming the header, and its write changes nothing', async () => {
      const before = await graphState(f.driver);
      const write = await put(free[0]!, { origin: 'https://evil.example' });
      expect(write.statusCode).toBe(403);
      const problem = expectProblem(write);
      expect(problem.type).toBe('/problems/origin-not-allowed');
      expect(problem.errors?.[0]?.path).toBe('header.origin');
      expect(write.headers['access-control-allow-origin']).toBeUndefined();
      expect(await graphState(f.driver)).toEqual(before);
      const preflight = await f.app.inject({
        method: 'OPTIONS',
        url: '/v1/matrix',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(preflight.statusCode).toBe(403);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('with CORS_ORIGINS unset no origin but the server itself is let in', async () => {
      const foreign = await closed.inject({ method: 'GET', url: '/v1/coverage', headers: { origin: DASHBOARD } });
      expect(foreign.statusCode).toBe(403);
      expectProblem(foreign);
      // The server's own pages (Swagger UI at /docs) send their own origin on writes: allowed.
      const own = await closed.inject({
        method: 'GET',
        url: '/v1/coverage',
        headers: { origin: 'http://localhost:80', host: 'localhost:80' },
      });
      expect(own.statusCode).toBe(200);
      // Clients that send no Origin (curl, servers) are unaffected.
      expect((await closed.inject({ method: 'GET', url: '/v1/coverage' })).statusCode).toBe(200);
    });

    it('a plain OPTIONS (no preflight) is 204 with Allow', async () => {
      const response = await f.app.inject({ method: 'OPTIONS', url: facilitator('ITU') });
      expect(response.statusCode).toBe(204);
      expect(String(response.headers.allow).split(', ').sort()).toEqual(['DELETE', 'OPTIONS', 'PUT']);
    });
  });

  describe('compression', () => {
    it('gzip and br for JSON and CSV, as Accept-Encoding asks; identity otherwise', async () => {
      const plain = await f.app.inject({ method: 'GET', url: '/v1/gaps' });
      const gzip = await f.app.inject({ method: 'GET', url: '/v1/gaps', headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(String(gzip.headers.vary).toLowerCase()).toContain('accept-encoding');
      expect(gzip.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
      const br = await f.app.inject({
        method: 'GET',
        url: '/v1/links?format=csv',
        headers: { 'accept-encoding': 'br' },
      });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toMatch(/^type,/);
      expect(plain.headers['content-encoding']).toBeUndefined();
    });
  });

  describe('request hygiene', () => {
    it('a malformed If-Match is 400 naming the expected form, and changes nothing', async () => {
      const before = await graphState(f.driver);
      for (const bad of [`r${before.revision}`, `"r${before.revision}`, `W/r${before.revision}`]) {
        const response = await put(free[0]!, { 'if-match': bad });
        expect(response.statusCode, bad).toBe(400);
        const problem = expectProblem(response);
        expect(problem.detail).toContain('"r42"');
        expect(problem.errors?.[0]?.path).toBe('header.if-match');
      }
      const none = await f.app.inject({ method: 'GET', url: '/v1/coverage', headers: { 'if-none-match': 'r1' } });
      expect(none.statusCode).toBe(400);
      expect(expectProblem(none).errors?.[0]?.path).toBe('header.if-none-match');
      expect(await graphState(f.driver)).toEqual(before);
    });

    it('If-Match compares strongly (a weak tag of the current revision is 412); If-None-Match weakly (304)', async () => {
      const before = await graphState(f.driver);
      const weak = await put(free[0]!, { 'if-match': `W/${etagOf(before.revision)}` });
      expect(weak.statusCode).toBe(412);
      expect(await graphState(f.driver)).toEqual(before);
      const read = await f.app.inject({ method: 'GET', url: '/v1/coverage' });
      const revalidated = await f.app.inject({
        method: 'GET',
        url: '/v1/coverage',
        headers: { 'if-none-match': `W/${read.headers.etag}` },
      });
      expect(revalidated.statusCode).toBe(304);
    });

    it('bodies carry meta.etag, the tag to send back: a write with it succeeds', async () => {
      const coverage = (await f.app.inject({ method: 'GET', url: '/v1/coverage' })).json();
      expect(coverage.meta.etag).toBe(`"r${coverage.meta.revision}"`);
      const created = await put(free[1]!, { 'if-match': coverage.meta.etag });
      expect(created.statusCode).toBe(201);
      const body = created.json();
      expect(body.meta).toEqual({ revision: coverage.meta.revision + 1, etag: `"r${coverage.meta.revision + 1}"` });
      expect(created.headers.etag).toBe(body.meta.etag);
      const matrix = (await f.app.inject({ method: 'GET', url: '/v1/matrix' })).json();
      expect(matrix.meta.etag).toBe(body.meta.etag);
    });

    it('DELETE records its reason from the JSON body or from ?reason=; two different reasons are 400', async () => {
      const changeOf = async () =>
        (await f.app.inject({ method: 'GET', url: '/v1/changes?limit=1', headers: f.as('viewer') })).json().data[0];
      expect((await put(free[2]!)).statusCode).toBe(201);
      const viaBody = await f.app.inject({
        method: 'DELETE',
        url: facilitator(free[2]!),
        headers: f.as('editor'),
        payload: { reason: 'left the working group' },
      });
      expect(viaBody.statusCode).toBe(204);
      expect(await changeOf()).toMatchObject({ action: 'facilitator.delete', reason: 'left the working group' });

      expect((await put(free[2]!)).statusCode).toBe(201);
      const before = await graphState(f.driver);
      const both = await f.app.inject({
        method: 'DELETE',
        url: `${facilitator(free[2]!)}?reason=one`,
        headers: f.as('editor'),
        payload: { reason: 'another' },
      });
      expect(both.statusCode).toBe(400);
      expect(
        expectProblem(both)
          .errors?.map((e) => e.path)
          .sort(),
      ).toEqual(['body.reason', 'query.reason']);
      expect(await graphState(f.driver)).toEqual(before);

      const viaQuery = await f.app.inject({
        method: 'DELETE',
        url: `${facilitator(free[2]!)}?reason=${encodeURIComponent('duplicate entry')}`,
        headers: f.as('editor'),
      });
      expect(viaQuery.statusCode).toBe(204);
      expect(await changeOf()).toMatchObject({ action: 'facilitator.delete', reason: 'duplicate entry' });
    });

    it('query booleans and integers are typed: derived=true, objective=1 work; derived=yes and objective=one are 400', async () => {
      expect(
        (await f.app.inject({ method: 'GET', url: '/v1/matrix?cols=sdgs&derived=true' })).json().meta.derived,
      ).toBe(true);
      const narrowed = (await f.app.inject({ method: 'GET', url: '/v1/matrix?objective=1' })).json();
      expect(narrowed.data.columns.length).toBeGreaterThan(0);
      const all = (await f.app.inject({ method: 'GET', url: '/v1/matrix' })).json();
      expect(narrowed.data.columns.length).toBeLessThan(all.data.columns.length);
      for (const [url, field] of [
        ['/v1/matrix?cols=sdgs&derived=yes', 'query.derived'],
        ['/v1/matrix?objective=one', 'query.objective'],
        ['/v1/matrix?cols=sdgs&goal=18', 'query.goal'],
      ] as const) {
        const response = await f.app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(400);
        expect(expectProblem(response).errors?.[0]?.path, url).toBe(field);
      }
    });
  });
});
