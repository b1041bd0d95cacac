import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { buildTestApp, expectProblem } from '../helpers/app.js';
import { editingFixture, graphState, testSource, type EditingFixture } from '../helpers/editing.js';
import { testNeo4j } from '../helpers/neo4j.js';

/**
 * The OWASP API Security Top 10 (2023) items that apply to this service, each with the attack
 * tried and the defence it meets:
 * - API1 broken object level authorization: keys are not scoped to entities yet (every editor may
 *   edit every link); what exists is checked: no key can read another key, act under another name,
 *   or reach the roadmap through the key routes;
 * - API2 broken authentication: throttled guessing, expired/rotated/revoked keys, last admin;
 * - API4 unrestricted resource consumption: write, expensive-read and stream caps, request ids;
 * - API5 broken function level authorization: every write and admin operation of the OpenAPI;
 * - API8 security misconfiguration: headers, CSP that /docs works under;
 * - injection: into Cypher (ids and filters) and into spreadsheets (CSV/XLSX exports).
 */

const PROBE = {
  document: '=HYPERLINK("http://evil.example","click")',
  locator: '@SUM(1+1)',
  rationale: '+1-1',
  name: '-2+3',
};

const FORMULA_START = /^[=+\-@\t\r]/;

type Spec = {
  paths: Record<
    string,
    Record<string, { 'x-min-role'?: string; security?: unknown; responses: Record<string, unknown> }>
  >;
};

/** Every TypeScript file under `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** A fresh address per scenario, so throttles of one scenario do not leak into another. */
let addressCounter = 10;
const nextAddress = () => `10.0.0.${addressCounter++}`;

describe('security (OWASP API Top 10)', () => {
  let f: EditingFixture;
  let spec: Spec;
  const linkUrl = '/v1/action-lines/C2/facilitators/ITU';

  beforeAll(async () => {
    f = await editingFixture();
    spec = (await f.app.inject({ method: 'GET', url: '/openapi.json' })).json() as Spec;
    // The probe, stored through the API as an editor would.
    const put = await f.app.inject({
      method: 'PUT',
      url: linkUrl,
      headers: f.as('editor'),
      payload: {
        role: 'partner',
        source: { document: PROBE.document, locator: PROBE.locator, url: testSource.url },
        rationale: PROBE.rationale,
        reason: 'formula probe',
      },
    });
    // ITU already leads C2 in the seed: the PUT updates that link.
    expect(put.statusCode, put.body).toBe(200);
    const rename = await f.app.inject({
      method: 'PATCH',
      url: '/v1/entities/ITU',
      headers: f.as('editor'),
      payload: { name: PROBE.document, reason: 'formula probe' },
    });
    expect(rename.statusCode, rename.body).toBe(200);
  });
  afterAll(async () => f.close());

  describe('injection into exports (CSV formula injection)', () => {
    const expectNoFormulaCell = (rows: string[][]) => {
      for (const row of rows)
        for (const cell of row) expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(FORMULA_START);
    };

    it('GET /v1/links?format=csv: the probe comes back defused, quoted, and read as text by a CSV parser', async () => {
      const response = await f.app.inject({ method: 'GET', url: '/v1/links?format=csv&from=ITU&to=C2' });
      expect(response.statusCode).toBe(200);
      const records = parse(response.body, { columns: true }) as Record<string, string>[];
      const probe = records.find((r) => r.type === 'FACILITATES' && r.from === 'ITU' && r.to === 'C2');
      expect(probe).toBeDefined();
      expect(probe!.sourceDocument).toBe(`'${PROBE.document}`);
      expect(probe!.sourceLocator).toBe(`'${PROBE.locator}`);
      expect(probe!.rationale).toBe(`'${PROBE.rationale}`);
      // Quoted in the file itself, as OWASP recommends.
      expect(response.body).toContain(`"'${PROBE.locator}"`);
      expect(response.body).toContain(`"'${PROBE.rationale}"`);
      expectNoFormulaCell(parse(response.body) as string[][]);
      // The JSON representation keeps the stored text unchanged.
      const json = await f.app.inject({ method: 'GET', url: '/v1/links?from=ITU&to=C2' });
      expect(json.json().data.find((l: { type: string }) => l.type === 'FACILITATES').source.document).toBe(
        PROBE.document,
      );
    });

    it('GET /v1/gaps?format=csv: an entity name that looks like a formula is defused', async () => {
      const response = await f.app.inject({ method: 'GET', url: '/v1/gaps?format=csv' });
      expect(response.statusCode).toBe(200);
      const records = parse(response.body, { columns: true }) as Record<string, string>[];
      const itu = records.find((r) => r.kind === 'entity-workload' && r.id === 'ITU');
      expect(itu?.label).toBe(`'${PROBE.document}`);
      expectNoFormulaCell(parse(response.body) as string[][]);
    });

    it('GET /v1/matrix?format=csv: pivot cells cannot start a formula; the tidy layout defuses the probe', async () => {
      const pivot = await f.app.inject({ method: 'GET', url: '/v1/matrix?rows=entities&cols=action-lines&format=csv' });
      expect(pivot.statusCode).toBe(200);
      const rows = parse(pivot.body) as string[][];
      expect(rows.find((r) => r[0] === 'ITU')).toBeDefined();
      expectNoFormulaCell(rows);
      const tidy = await f.app.inject({
        method: 'GET',
        url: '/v1/matrix?rows=entities&cols=action-lines&format=csv&layout=tidy',
      });
      expect(tidy.statusCode).toBe(200);
      const records = parse(tidy.body, { columns: true }) as Record<string, string>[];
      const probe = records.find((r) => r.rowId === 'ITU' && r.columnId === 'C2');
      expect(probe).toBeDefined();
      expect(probe!.rowLabel).toBe(`'${PROBE.document}`);
      expect(probe!.sourceDocument).toBe(`'${PROBE.document}`);
      expect(probe!.sourceLocator).toBe(`'${PROBE.locator}`);
      expectNoFormulaCell(parse(tidy.body) as string[][]);
    });

    it('src/lib/csv.ts is the only CSV writer: nothing else in src/ imports csv-stringify', () => {
      const writers = sourceFiles('src').filter((file) => /from 'csv-stringify/.test(readFileSync(file, 'utf8')));
      expect(writers).toEqual([path.join('src', 'lib', 'csv.ts')]);
    });

    it('the CSV defusing is documented on every operation that produces CSV', () => {
      const csvOperations = Object.entries(spec.paths).flatMap(([p, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => JSON.stringify(op.responses['200'] ?? {}).includes('text/csv'))
          .map(([m, op]) => ({ name: `${m} ${p}`, description: String((op as { description?: string }).description) })),
      );
      expect(csvOperations.map((o) => o.name).sort()).toEqual([
        'get /v1/activities',
        'get /v1/coverage',
        'get /v1/coverage/history',
        'get /v1/diff',
        'get /v1/gaps',
        'get /v1/links',
        'get /v1/matrix',
        'get /v1/quality',
      ]);
      for (const op of csvOperations) expect(op.description, op.name).toMatch(/prefixed with a single quote/);
    });

    it('GET /v1/matrix?format=xlsx: the probe stays a typed string cell, never a formula', async () => {
      const response = await f.app.inject({
        method: 'GET',
        url: '/v1/matrix?rows=entities&cols=action-lines&format=xlsx',
      });
      expect(response.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const probeCells: ExcelJS.Cell[] = [];
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
            expect(cell.formula, `${sheet.name}!${cell.address}`).toBeUndefined();
            if ([PROBE.document, PROBE.locator].includes(String(cell.value))) probeCells.push(cell);
          }),
        ),
      );
      // The entity label (Matrix and Links sheets) and the link's source document and locator.
      expect(probeCells.length).toBeGreaterThanOrEqual(4);
      for (const cell of probeCells) expect(cell.type).toBe(ExcelJS.ValueType.String);
    });
  });

  describe('broken authentication', () => {
    it('20 bad keys from one address: 429 with Retry-After before the 20th, logged and in the security log; a good key from another address is unaffected', async () => {
      const lines: string[] = [];
      const stream = new PassThrough();
      stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
      const { uri, username, password } = testNeo4j();
      const app = await buildApp(
        loadConfig({ NEO4J_URI: uri, NEO4J_USERNAME: username, NEO4J_PASSWORD: password, LOG_LEVEL: 'info' }),
        { logStream: stream },
      );
      try {
        const attacker = nextAddress();
        const statuses: number[] = [];
        let throttled: Awaited<ReturnType<typeof app.inject>> | undefined;
        for (let i = 0; i < 20; i += 1) {
          const response = await app.inject({
            method: 'GET',
            url: '/v1/changes',
            remoteAddress: attacker,
            headers: { authorization: `Bearer rk_guess${i}` },
          });
          statuses.push(response.statusCode);
          if (response.statusCode === 429) throttled ??= response;
        }
        const firstThrottled = statuses.indexOf(429);
        expect(firstThrottled).toBeGreaterThan(0);
        expect(firstThrottled).toBeLessThan(19);
        expect(statuses.slice(0, firstThrottled).every((s) => s === 401)).toBe(true);
        expect(statuses.slice(firstThrottled).every((s) => s === 429)).toBe(true);
        expect(Number(throttled!.headers['retry-after'])).toBeGreaterThan(0);
        expect(expectProblem(throttled!).detail).toMatch(/failed authentications/);

        // A good key from the throttled address is refused too (a lucky guess is not revealed)…
        const sameAddress = await app.inject({
          method: 'GET',
          url: '/v1/changes',
          remoteAddress: attacker,
          headers: f.as('viewer'),
        });
        expect(sameAddress.statusCode).toBe(429);
        // …while a good key from another address works.
        const other = await app.inject({
          method: 'GET',
          url: '/v1/changes',
          remoteAddress: nextAddress(),
          headers: f.as('viewer'),
        });
        expect(other.statusCode).toBe(200);

        expect(lines.some((l) => l.includes('authentication throttled') && l.includes(attacker))).toBe(true);
        const events = await f.app.inject({
          method: 'GET',
          url: '/v1/security-events?type=auth.throttled',
          headers: f.as('admin'),
        });
        const mine = events.json().data.filter((e: { address: string }) => e.address === attacker);
        expect(mine).toHaveLength(1); // one event per throttled address and window, not one per refusal
        // No log line carries a presented key.
        expect(lines.some((l) => l.includes('rk_guess'))).toBe(false);
      } finally {
        await app.close();
      }
    });

    it('X-Forwarded-For is believed only with TRUST_PROXY: spoofed addresses do not escape the throttle', async () => {
      const app = await buildTestApp({ AUTH_FAILURE_LIMIT: '3' });
      try {
        const remoteAddress = nextAddress();
        const statuses: number[] = [];
        for (let i = 0; i < 6; i += 1) {
          const response = await app.inject({
            method: 'GET',
            url: '/v1/changes',
            remoteAddress,
            headers: { authorization: 'Bearer rk_guess', 'x-forwarded-for': `192.0.2.${i}` },
          });
          statuses.push(response.statusCode);
        }
        expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
      } finally {
        await app.close();
      }
      const proxied = await buildTestApp({ AUTH_FAILURE_LIMIT: '3', TRUST_PROXY: 'true' });
      try {
        const remoteAddress = nextAddress();
        for (let i = 0; i < 4; i += 1) {
          const response = await proxied.inject({
            method: 'GET',
            url: '/v1/changes',
            remoteAddress,
            headers: { authorization: 'Bearer rk_guess', 'x-forwarded-for': '198.51.100.7' },
          });
          expect(response.statusCode).toBe(i < 3 ? 401 : 429);
        }
        // Behind the same proxy, another client is its own address.
        const otherClient = await proxied.inject({
          method: 'GET',
          url: '/v1/changes',
          remoteAddress,
          headers: { ...f.as('viewer'), 'x-forwarded-for': '198.51.100.8' },
        });
        expect(otherClient.statusCode).toBe(200);
      } finally {
        await proxied.close();
      }
    });

    it('an expired key is 401 saying it expired, and the use is in the security log; a past expiresAt is refused at creation', async () => {
      const past = await f.app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: f.as('admin'),
        payload: { name: 'already-expired', role: 'viewer', expiresAt: '2001-01-01T00:00:00Z' },
      });
      expect(past.statusCode).toBe(400);
      expect(expectProblem(past).errors).toEqual([{ path: 'body.expiresAt', message: 'must be in the future' }]);

      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      const created = await f.app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: f.as('admin'),
        payload: { name: 'short-lived', role: 'viewer', expiresAt },
      });
      expect(created.statusCode).toBe(201);
      const { id, key } = created.json().data;
      expect(created.json().data.expiresAt).toBe(expiresAt);
      const headers = { authorization: `Bearer ${key}` };
      expect((await f.app.inject({ method: 'GET', url: '/v1/changes', headers })).statusCode).toBe(200);
      // Time passes (moved in the database: the API refuses a past expiry).
      await f.driver.executeQuery('MATCH (k:ApiKey {id: $id}) SET k.expiresAt = $at', {
        id,
        at: new Date(Date.now() - 1000).toISOString(),
      });
      const refused = await f.app.inject({ method: 'GET', url: '/v1/changes', headers });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(expectProblem(refused).detail).toMatch(/expired at/);
      const events = await f.app.inject({
        method: 'GET',
        url: '/v1/security-events?type=key.expired-use',
        headers: f.as('admin'),
      });
      expect(events.json().data.map((e: { keyId: string }) => e.keyId)).toContain(id);
      // ?type= filters: no other kind of event comes back.
      expect([...new Set(events.json().data.map((e: { type: string }) => e.type))]).toEqual(['key.expired-use']);
    });

    it('rotation: a new key for the same name and role; the old one works for the grace period, then is refused as expired', async () => {
      const created = (
        await f.app.inject({
          method: 'POST',
          url: '/v1/api-keys',
          headers: f.as('admin'),
          payload: { name: 'rotating-editor', role: 'editor' },
        })
      ).json().data;
      const rotated = await f.app.inject({
        method: 'POST',
        url: `/v1/api-keys/${created.id}/rotate`,
        headers: f.as('admin'),
        payload: { graceSeconds: 3600 },
      });
      expect(rotated.statusCode, rotated.body).toBe(201);
      const successor = rotated.json().data;
      expect(successor).toMatchObject({ name: 'rotating-editor', role: 'editor', replaces: { id: created.id } });
      expect(successor.key).not.toBe(created.key);
      expect(Date.parse(successor.replaces.validUntil) - Date.now()).toBeGreaterThan(3_500_000);
      for (const key of [created.key, successor.key]) {
        const response = await f.app.inject({
          method: 'GET',
          url: '/v1/changes',
          headers: { authorization: `Bearer ${key}` },
        });
        expect(response.statusCode).toBe(200);
      }
      // Rotating the old key again is refused; the new one can be rotated with no grace at all.
      const twice = await f.app.inject({
        method: 'POST',
        url: `/v1/api-keys/${created.id}/rotate`,
        headers: f.as('admin'),
      });
      expect(twice.statusCode).toBe(409);
      expect(expectProblem(twice).detail).toContain(successor.id);
      const third = await f.app.inject({
        method: 'POST',
        url: `/v1/api-keys/${successor.id}/rotate`,
        headers: f.as('admin'),
        payload: { graceSeconds: 0 },
      });
      expect(third.statusCode).toBe(201);
      const old = await f.app.inject({
        method: 'GET',
        url: '/v1/changes',
        headers: { authorization: `Bearer ${successor.key}` },
      });
      expect(old.statusCode).toBe(401);
      expect(expectProblem(old).detail).toMatch(/expired .*rotated/);
      const events = await f.app.inject({
        method: 'GET',
        url: '/v1/security-events?type=key.rotated',
        headers: f.as('admin'),
      });
      expect(events.json().data.map((e: { keyId: string }) => e.keyId)).toEqual(
        expect.arrayContaining([created.id, successor.id]),
      );
    });

    it('the last active admin key cannot be revoked or demoted (409 naming why); with a second admin it can', async () => {
      const admins = (await f.app.inject({ method: 'GET', url: '/v1/api-keys?limit=500', headers: f.as('admin') }))
        .json()
        .data.filter((k: { role: string; revokedAt: string | null }) => k.role === 'admin' && !k.revokedAt);
      expect(admins.map((k: { id: string }) => k.id)).toEqual([f.keys.admin.id]);
      const revoke = await f.app.inject({
        method: 'DELETE',
        url: `/v1/api-keys/${f.keys.admin.id}`,
        headers: f.as('admin'),
      });
      expect(revoke.statusCode).toBe(409);
      expect(expectProblem(revoke).detail).toMatch(/last active admin key/);
      const demote = await f.app.inject({
        method: 'PATCH',
        url: `/v1/api-keys/${f.keys.admin.id}`,
        headers: f.as('admin'),
        payload: { role: 'editor' },
      });
      expect(demote.statusCode).toBe(409);
      expect(expectProblem(demote).detail).toMatch(/last active admin key/);

      // A second admin; two concurrent revocations of each other leave exactly one admin.
      const second = (
        await f.app.inject({
          method: 'POST',
          url: '/v1/api-keys',
          headers: f.as('admin'),
          payload: { name: 'second-admin', role: 'admin' },
        })
      ).json().data;
      const [a, b] = await Promise.all([
        f.app.inject({ method: 'DELETE', url: `/v1/api-keys/${second.id}`, headers: f.as('admin') }),
        f.app.inject({
          method: 'DELETE',
          url: `/v1/api-keys/${f.keys.admin.id}`,
          headers: { authorization: `Bearer ${second.key}` },
        }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      // Put the fixture's admin back in charge if it was the one revoked.
      if (b.statusCode === 200) {
        await f.driver.executeQuery('MATCH (k:ApiKey {id: $id}) REMOVE k.revokedAt', { id: f.keys.admin.id });
        await f.app.inject({ method: 'DELETE', url: `/v1/api-keys/${second.id}`, headers: f.as('admin') });
      }
    });

    it('key lifecycle stays outside the roadmap: the roadmap ETag, revision and change log do not move', async () => {
      const read = () => f.app.inject({ method: 'GET', url: '/v1/action-lines/C2' });
      const etag = (await read()).headers.etag;
      const before = await graphState(f.driver);
      const created = (
        await f.app.inject({
          method: 'POST',
          url: '/v1/api-keys',
          headers: f.as('admin'),
          payload: { name: 'etag-probe', role: 'viewer' },
        })
      ).json().data;
      await f.app.inject({
        method: 'PATCH',
        url: `/v1/api-keys/${created.id}`,
        headers: f.as('admin'),
        payload: { role: 'editor' },
      });
      await f.app.inject({ method: 'POST', url: `/v1/api-keys/${created.id}/rotate`, headers: f.as('admin') });
      await f.app.inject({ method: 'DELETE', url: `/v1/api-keys/${created.id}`, headers: f.as('admin') });
      expect((await read()).headers.etag).toBe(etag);
      expect(await graphState(f.driver)).toEqual(before);
      const log = await f.app.inject({ method: 'GET', url: '/v1/security-events', headers: f.as('admin') });
      expect(
        log
          .json()
          .data.filter((e: { keyId: string }) => e.keyId === created.id)
          .map((e: { type: string }) => e.type),
      ).toEqual(['key.revoked', 'key.rotated', 'key.role-changed', 'key.created']);
    });

    it('last-used time is noted off the request path and written at most once a minute per key', async () => {
      const created = (
        await f.app.inject({
          method: 'POST',
          url: '/v1/api-keys',
          headers: f.as('admin'),
          payload: { name: 'usage-probe', role: 'viewer' },
        })
      ).json().data;
      const lastUsed = async () => {
        const { records } = await f.driver.executeQuery('MATCH (k:ApiKey {id: $id}) RETURN k.lastUsedAt AS at', {
          id: created.id,
        });
        return records[0]!.get('at') as string | null;
      };
      await f.app.inject({ method: 'GET', url: '/v1/changes', headers: { authorization: `Bearer ${created.key}` } });
      expect(await lastUsed()).toBeNull(); // nothing written while answering
      await f.app.keyUsage.flush();
      const first = await lastUsed();
      expect(first).toEqual(expect.any(String));
      // A second use within the minute is not noted again.
      expect(f.app.keyUsage.touch(created.id)).toBe(false);
      expect(f.app.keyUsage.touch(created.id, Date.now() + 61_000)).toBe(true);
      const list = await f.app.inject({ method: 'GET', url: '/v1/api-keys?limit=500', headers: f.as('admin') });
      expect(list.json().data.find((k: { id: string }) => k.id === created.id).lastUsedAt).toBe(first);
    });

    it('the security log is for admins only', async () => {
      for (const role of ['viewer', 'editor'] as const) {
        expect(
          (await f.app.inject({ method: 'GET', url: '/v1/security-events', headers: f.as(role) })).statusCode,
        ).toBe(403);
      }
      expect((await f.app.inject({ method: 'GET', url: '/v1/security-events' })).statusCode).toBe(401);
    });
  });

  describe('unrestricted resource consumption', () => {
    it('writes are limited per API key (429 + Retry-After); another key is unaffected', async () => {
      const app = await buildTestApp({ WRITE_RATE_LIMIT: '3' });
      try {
        const write = (role: 'editor' | 'admin') =>
          app.inject({
            method: 'PUT',
            url: linkUrl,
            headers: f.as(role),
            payload: { role: 'partner', reason: 'rate probe' },
          });
        const statuses = [];
        for (let i = 0; i < 4; i += 1) statuses.push((await write('editor')).statusCode);
        expect(statuses.slice(0, 3).every((s) => s === 200)).toBe(true);
        expect(statuses[3]).toBe(429);
        const limited = await write('editor');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
        expect(expectProblem(limited).detail).toMatch(/writes/);
        expect((await write('admin')).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    });

    it('expensive reads (matrix, gaps, exports) are limited per key or address; cheap reads are not', async () => {
      const app = await buildTestApp({ EXPENSIVE_READ_RATE_LIMIT: '2' });
      try {
        const remoteAddress = nextAddress();
        const get = (url: string) => app.inject({ method: 'GET', url, remoteAddress });
        expect((await get('/v1/matrix')).statusCode).toBe(200);
        expect((await get('/v1/links?format=csv')).statusCode).toBe(200);
        const third = await get('/v1/gaps');
        expect(third.statusCode).toBe(429);
        expect(third.headers['retry-after']).toBeDefined();
        expectProblem(third);
        expect((await get('/v1/links')).statusCode).toBe(200); // a JSON page is cheap
        expect((await get('/v1/action-lines/C2')).statusCode).toBe(200);
        // Another address has its own budget.
        expect((await app.inject({ method: 'GET', url: '/v1/matrix', remoteAddress: nextAddress() })).statusCode).toBe(
          200,
        );
      } finally {
        await app.close();
      }
      // Where reads need a key, the budget is the key's: two keys from one address do not share it.
      const keyed = await buildTestApp({ EXPENSIVE_READ_RATE_LIMIT: '1', REQUIRE_KEY_FOR_READS: 'true' });
      try {
        const remoteAddress = nextAddress();
        const get = (role: 'viewer' | 'editor') =>
          keyed.inject({ method: 'GET', url: '/v1/gaps', remoteAddress, headers: f.as(role) });
        expect((await get('viewer')).statusCode).toBe(200);
        expect((await get('viewer')).statusCode).toBe(429);
        expect((await get('editor')).statusCode).toBe(200);
      } finally {
        await keyed.close();
      }
    });

    it('change streams: the 11th of a key capped at 10 is 429, past the total cap 503 + Retry-After; closing frees a slot', async () => {
      const app = await buildTestApp({ STREAMS_PER_KEY: '10', STREAMS_TOTAL: '12' });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as { port: number };
      const open: http.ClientRequest[] = [];
      const connect = (role: 'viewer' | 'editor') =>
        new Promise<{
          status: number;
          body: Promise<string>;
          headers: http.IncomingHttpHeaders;
          req: http.ClientRequest;
        }>((resolve, reject) => {
          const req = http.get({ host: '127.0.0.1', port, path: '/v1/changes/stream', headers: f.as(role) }, (res) => {
            const body = new Promise<string>((done) => {
              let text = '';
              res.on('data', (c: Buffer) => {
                text += c.toString();
              });
              res.on('end', () => done(text));
            });
            resolve({ status: res.statusCode!, headers: res.headers, body, req });
          });
          req.on('error', reject);
          open.push(req);
        });
      try {
        for (let i = 0; i < 10; i += 1) expect((await connect('viewer')).status).toBe(200);
        const eleventh = await connect('viewer');
        expect(eleventh.status).toBe(429);
        expect(eleventh.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(JSON.parse(await eleventh.body).detail).toMatch(/at most 10/);
        expect((await connect('editor')).status).toBe(200);
        expect((await connect('editor')).status).toBe(200);
        const overCap = await connect('editor');
        expect(overCap.status).toBe(503);
        expect(overCap.headers['retry-after']).toBe('7');
        expect(app.streamSlots.open).toBe(12);
        // A client going away frees its slot.
        open[0]!.destroy();
        await expect.poll(() => app.streamSlots.open).toBe(11);
        expect((await connect('viewer')).status).toBe(200);
      } finally {
        for (const req of open) req.destroy();
        await app.close();
      }
    });

    it('a request id longer than 128 characters or with spaces/control characters is replaced, not echoed', async () => {
      const idOf = async (id: string) =>
        (await f.app.inject({ method: 'GET', url: '/livez', headers: { 'x-request-id': id } })).headers['x-request-id'];
      expect(await idOf('trace-42')).toBe('trace-42');
      expect(await idOf('a'.repeat(128))).toBe('a'.repeat(128));
      for (const bad of ['a'.repeat(5000), 'a'.repeat(129), 'two words', 'tab\there', 'é-accent']) {
        const echoed = await idOf(bad);
        expect(echoed, bad.slice(0, 20)).toMatch(/^[0-9a-f-]{36}$/);
      }
    });

    it('pages and bodies are bounded: limit over 500 is 400, a body over the limit is 413', async () => {
      const page = await f.app.inject({ method: 'GET', url: '/v1/links?limit=100000' });
      expect(page.statusCode).toBe(400);
      expect(expectProblem(page).errors?.[0]?.path).toBe('query.limit');
      const big = await f.app.inject({
        method: 'PUT',
        url: linkUrl,
        headers: { ...f.as('editor'), 'content-type': 'application/json' },
        payload: JSON.stringify({ role: 'co', rationale: 'x'.repeat(2 * 1024 * 1024) }),
      });
      expect(big.statusCode).toBe(413);
    });
  });

  describe('broken function level authorization', () => {
    it('every write and admin operation of the OpenAPI refuses a role below its own (403), writing nothing', async () => {
      const order = ['viewer', 'editor', 'admin'] as const;
      const secured = Object.entries(spec.paths).flatMap(([p, ops]) =>
        Object.entries(ops)
          .filter(([m, op]) => m !== 'get' || op['x-min-role'] === 'admin')
          .map(([m, op]) => ({ path: p, method: m.toUpperCase(), minRole: op['x-min-role'] })),
      );
      // Every write is secured, with a role. The one viewer operation among them issues a change-feed
      // ticket: a short-lived credential to read the feed, no roadmap data.
      const viewerOperations = ['POST /v1/changes/stream-tickets'];
      for (const op of secured) {
        const name = `${op.method} ${op.path}`;
        expect(op.minRole, name).toMatch(viewerOperations.includes(name) ? /^viewer$/ : /^(editor|admin)$/);
      }
      expect(secured.map((o) => `${o.method} ${o.path}`)).toEqual(
        expect.arrayContaining([
          'POST /v1/api-keys',
          'DELETE /v1/api-keys/{id}',
          'PATCH /v1/api-keys/{id}',
          'POST /v1/api-keys/{id}/rotate',
          'GET /v1/security-events',
          'GET /v1/api-keys',
          'POST /v1/imports',
        ]),
      );
      const before = await graphState(f.driver);
      const keyCount = async () =>
        Number((await f.driver.executeQuery('MATCH (k:ApiKey) RETURN count(k) AS n')).records[0]!.get('n'));
      const keysBefore = await keyCount();
      for (const { path: p, method, minRole } of secured) {
        const url = p.replace(/\{(\w+)\}/g, (_m, name: string) =>
          name === 'id' && p.startsWith('/v1/api-keys') ? f.keys.admin.id : name === 'id' ? 'C2' : 'ITU',
        );
        for (const role of order.slice(0, order.indexOf(minRole as 'editor'))) {
          const response = await f.app.inject({ method: method as 'POST', url, headers: f.as(role), payload: {} });
          expect(response.statusCode, `${method} ${p} as ${role}`).toBe(403);
        }
      }
      expect(await graphState(f.driver)).toEqual(before);
      expect(await keyCount()).toBe(keysBefore);
    });
  });

  describe('broken object level authorization', () => {
    it('no key reads another key or acts under another name', async () => {
      // Entity-scoped keys do not exist yet: every editor may edit every link. What is checked:
      // the list never holds keys or hashes, and the change log actor is the key's name, never a body field.
      const list = await f.app.inject({ method: 'GET', url: '/v1/api-keys?limit=500', headers: f.as('admin') });
      for (const secret of Object.values(f.keys).map((k) => k.key)) expect(list.body).not.toContain(secret);
      expect(list.body).not.toMatch(/"hash"/);
      const spoof = await f.app.inject({
        method: 'PUT',
        url: linkUrl,
        headers: f.as('editor'),
        payload: { role: 'partner', actor: 'test-admin', reason: 'spoof' },
      });
      expect(spoof.statusCode).toBe(400);
      expect(expectProblem(spoof).errors).toEqual([{ path: 'body', message: 'Unrecognized key: "actor"' }]);
    });
  });

  describe('security misconfiguration', () => {
    it('every response carries the security headers and a CSP without inline scripts or styles', async () => {
      for (const url of ['/v1/action-lines/C2', '/v1/nowhere', '/livez', '/openapi.json']) {
        const response = await f.app.inject({ method: 'GET', url });
        const h = response.headers;
        expect(h['content-security-policy'], url).toBe(
          "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';img-src 'self' data:;" +
            "font-src 'self';connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
        );
        expect(h['x-content-type-options'], url).toBe('nosniff');
        expect(h['x-frame-options'], url).toBe('SAMEORIGIN');
        expect(h['referrer-policy'], url).toBe('no-referrer');
        expect(h['strict-transport-security'], url).toMatch(/max-age=\d+/);
        expect(h['cross-origin-opener-policy'], url).toBe('same-origin');
        expect(h['x-powered-by'], url).toBeUndefined();
      }
    });

    it('Swagger UI at /docs works under its CSP: no inline script, its scripts and styles served from here, hashes allowed', async () => {
      const page = await f.app.inject({ method: 'GET', url: '/docs/' });
      expect(page.statusCode).toBe(200);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')*;/);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(assets.length).toBeGreaterThanOrEqual(4);
      for (const asset of assets) {
        expect(asset, asset).not.toMatch(/^(https?:)?\/\//);
        const url = new URL(asset, 'http://localhost/docs/').pathname;
        const response = await f.app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(200);
      }
      const initializer = await f.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
      expect(initializer.body).toContain("resolveUrl('./json')");
      expect((await f.app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    });

    it('the Docker image runs as a non-root user', () => {
      const dockerfile = readFileSync('Dockerfile', 'utf8');
      const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
      expect(users.at(-1)).toBeDefined();
      expect(users.at(-1)).not.toMatch(/^(root|0)$/);
      const lastFrom = dockerfile.lastIndexOf('\nFROM ');
      expect(dockerfile.lastIndexOf('\nUSER ')).toBeGreaterThan(lastFrom);
    });
  });

  describe('injection into Cypher', () => {
    const hostile = ["x'}) RETURN 1//", 'C2`) RETURN 1//', "' OR 1=1 --", '{id: "C2"}', '$id', 'C2\\u0027'];

    it('hostile ids and filters are data, never Cypher: 404/400 or an empty list, never 500, nothing written', async () => {
      const before = await graphState(f.driver);
      for (const bad of hostile) {
        const encoded = encodeURIComponent(bad);
        for (const url of [
          `/v1/action-lines/${encoded}`,
          `/v1/entities/${encoded}`,
          `/v1/gdc/commitments/${encoded}`,
        ]) {
          const response = await f.app.inject({ method: 'GET', url });
          expect([400, 404], `${url} → ${response.statusCode}`).toContain(response.statusCode);
          expectProblem(response);
        }
        const filtered = await f.app.inject({ method: 'GET', url: `/v1/links?from=${encoded}` });
        expect(filtered.statusCode, bad).toBe(200);
        expect(filtered.json().data).toEqual([]);
        const write = await f.app.inject({
          method: 'PUT',
          url: `/v1/action-lines/C2/facilitators/${encoded}`,
          headers: f.as('editor'),
          payload: { role: 'co', source: testSource, reason: 'injection probe' },
        });
        expect([400, 404], `PUT ${bad} → ${write.statusCode}`).toContain(write.statusCode);
      }
      expect(await graphState(f.driver)).toEqual(before);
    });

    it('no source file builds Cypher from values: queries are named files run with parameters', () => {
      const offenders = sourceFiles('src').filter((file) =>
        /\b(?:run|executeQuery)\(\s*(?:`[^`]*\$\{|['"][^'"]*['"]\s*\+)/.test(readFileSync(file, 'utf8')),
      );
      expect(offenders).toEqual([]);
    });
  });
});
