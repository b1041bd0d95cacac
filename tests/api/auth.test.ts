import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey } from '../../src/db/api-keys.js';
import { buildTestApp, expectProblem } from '../helpers/app.js';
import { editingFixture, graphState, type EditingFixture } from '../helpers/editing.js';
import { testNeo4j } from '../helpers/neo4j.js';

type Spec = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, any> } };
type Operation = {
  security?: Record<string, string[]>[];
  'x-min-role'?: string;
  requestBody?: { content: Record<string, { schema: any }> };
};

/** An example body for an operation, taken from the OpenAPI document itself (component examples). */
function exampleBody(spec: Spec, op: Operation): unknown {
  const content = op.requestBody?.content['application/json'];
  if (!content) return undefined;
  const find = (schema: any): unknown => {
    if (!schema) return undefined;
    if (schema.example !== undefined) return schema.example;
    if (schema.examples?.length) return schema.examples[0];
    if (schema.$ref) return find(spec.components.schemas[String(schema.$ref).split('/').pop()!]);
    for (const alt of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
      const found = find(alt);
      if (found !== undefined && typeof found === 'object') return found;
    }
    return undefined;
  };
  const body = find(content.schema);
  if (body === undefined) throw new Error('operation has a JSON body without an example in the OpenAPI document');
  return body;
}

describe('API keys and roles', () => {
  let f: EditingFixture;
  let spec: Spec;
  beforeAll(async () => {
    // This file sends hundreds of bad keys from one address on purpose; the throttle has its own tests (security.test.ts).
    f = await editingFixture({ AUTH_FAILURE_LIMIT: '100000' });
    spec = (await f.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  });
  afterAll(async () => f.close());

  /** Real ids for every path parameter the spec uses (a new parameter name makes this throw). */
  function fillPath(path: string): string {
    return path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'id') {
        if (path.startsWith('/v1/action-lines/')) return 'C2';
        if (path.startsWith('/v1/gdc/commitments/')) return '11a';
        if (path.startsWith('/v1/entities/')) return 'ITU';
        if (path.startsWith('/v1/api-keys/')) return f.keys.viewer.id;
        if (path.startsWith('/v1/gdc/objectives/')) return '1';
        if (path.startsWith('/v1/sdgs/')) return '5';
        if (path.startsWith('/v1/sdg-targets/')) return '5.b';
        if (path.startsWith('/v1/sdg-indicators/')) return '5.b.1';
        if (path.startsWith('/v1/verifications/')) return '00000000-0000-4000-8000-000000000000';
        if (path.startsWith('/v1/versions/')) return 'v1';
        if (path.startsWith('/v1/activities/')) return 'A1';
      }
      const byName: Record<string, string> = {
        entityId: 'UNESCO',
        commitmentId: '11a',
        targetId: '9.c',
        goal: '4',
        year: '2026',
      };
      if (byName[name]) return encodeURIComponent(byName[name]);
      throw new Error(`no test value for path parameter {${name}} in ${path}`);
    });
  }

  const operations = () =>
    Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );

  it('the spec lists the editing operations, each marked with bearerAuth and its role', () => {
    // Writes need an editor or admin key; the one viewer POST buys a change-stream ticket (no roadmap change).
    const writes = operations().filter((o) => o.method !== 'GET' && o.path !== '/v1/changes/stream-tickets');
    expect(writes.length).toBeGreaterThanOrEqual(14);
    for (const { path, method, op } of writes) {
      expect(op.security, `${method} ${path}`).toEqual([{ bearerAuth: [] }]);
      expect(['editor', 'admin'], `${method} ${path}`).toContain(op['x-min-role']);
    }
    expect(spec.paths['/v1/changes/stream-tickets']!.post!['x-min-role']).toBe('viewer');
    expect(spec.paths['/v1/changes/stream']!.get!.security).toEqual([{ bearerAuth: [] }, { streamTicket: [] }]);
    // The change log and key list are secured reads; the reference reads are public by default.
    expect(spec.paths['/v1/changes']!.get!.security).toEqual([{ bearerAuth: [] }]);
    expect(spec.paths['/v1/api-keys']!.get!['x-min-role']).toBe('admin');
    // Public operations say so explicitly (security: []), for generators and linters.
    expect(spec.paths['/v1/action-lines/{id}']!.get!.security).toEqual([]);
  });

  it('every secured operation in the OpenAPI answers 401 without a key, with an unknown key and with a revoked key, and 403 to a role too low, before validating anything', async () => {
    const before = await graphState(f.driver);
    // A revoked key, revoked directly in the database (revocation acts on the next request).
    const { createApiKey } = await import('../../src/db/api-keys.js');
    const { Db } = await import('../../src/db/db.js');
    const revoked = (await createApiKey(new Db(f.driver), { name: 'revoked-admin', role: 'admin' })).result;
    await f.driver.executeQuery('MATCH (k:ApiKey {id: $id}) SET k.revokedAt = $at', {
      id: revoked.id,
      at: new Date().toISOString(),
    });
    const start = await graphState(f.driver);

    const secured = operations().filter((o) => o.method !== 'GET' || o.op.security?.length);
    expect(secured.length).toBeGreaterThanOrEqual(17);
    for (const { path, method, op } of secured) {
      const url = fillPath(path);
      const payload = exampleBody(spec, op);
      const label = `${method} ${path}`;
      for (const headers of [
        {},
        { authorization: 'Bearer rk_not-a-real-key' },
        { authorization: `Bearer ${revoked.key}` },
        { authorization: 'Basic abc' },
      ]) {
        const response = await f.app.inject({ method: method as 'POST', url, headers, payload: payload as object });
        expect(response.statusCode, `${label} ${JSON.stringify(headers)}`).toBe(401);
        expect(response.headers['www-authenticate'], label).toMatch(/^Bearer/);
        expectProblem(response);
      }
      // Invalid body and unknown ids: still 401, so nothing is validated or looked up first.
      const junk = await f.app.inject({
        method: method as 'POST',
        url: url.replace(/C2|11a|ITU|UNESCO/g, 'ZZ9'),
        payload: { nonsense: true },
      });
      expect(junk.statusCode, `${label} with a junk body`).toBe(401);

      const minRole = op['x-min-role'];
      const tooLow = minRole === 'admin' ? ['viewer', 'editor'] : minRole === 'editor' ? ['viewer'] : [];
      for (const role of tooLow) {
        const response = await f.app.inject({
          method: method as 'POST',
          url,
          headers: f.as(role as 'viewer'),
          payload: payload as object,
        });
        expect(response.statusCode, `${label} as ${role}`).toBe(403);
        expect(expectProblem(response).detail).toContain(minRole!);
      }
    }
    // None of those requests wrote anything.
    expect(await graphState(f.driver)).toEqual(start);
    expect(start.revision).toBe(before.revision); // keys live outside the roadmap: creating one moves nothing
  });

  it('reads are public by default and need a viewer key with REQUIRE_KEY_FOR_READS=true', async () => {
    expect((await f.app.inject({ method: 'GET', url: '/v1/action-lines/C2' })).statusCode).toBe(200);

    const strict = await buildTestApp({ REQUIRE_KEY_FOR_READS: 'true' });
    try {
      const anonymous = await strict.inject({ method: 'GET', url: '/v1/action-lines/C2' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(
        (await strict.inject({ method: 'GET', url: '/v1/action-lines/C2', headers: f.as('viewer') })).statusCode,
      ).toBe(200);
      // Health and the documentation stay open.
      expect((await strict.inject({ method: 'GET', url: '/livez' })).statusCode).toBe(200);
      const strictSpec = (await strict.inject({ method: 'GET', url: '/openapi.json' })).json() as Spec;
      const reads = Object.entries(strictSpec.paths).filter(([p, ops]) => p.startsWith('/v1/') && ops.get);
      expect(reads.length).toBeGreaterThan(5);
      for (const [path, ops] of reads) expect(ops.get!.security?.[0], path).toEqual({ bearerAuth: [] });
    } finally {
      await strict.close();
    }
  });

  it('the change log needs a viewer key even when reads are public', async () => {
    expect((await f.app.inject({ method: 'GET', url: '/v1/changes' })).statusCode).toBe(401);
    expect((await f.app.inject({ method: 'GET', url: '/v1/changes', headers: f.as('viewer') })).statusCode).toBe(200);
  });

  it('admins create, list and revoke keys; the list never shows keys or hashes; revocation acts at once', async () => {
    const created = await f.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: f.as('admin'),
      payload: { name: 'secretariat', role: 'editor' },
    });
    expect(created.statusCode).toBe(201);
    const { data } = created.json();
    expect(Object.keys(data).sort()).toEqual(['createdAt', 'entity', 'expiresAt', 'id', 'key', 'name', 'role']);
    expect(data).toMatchObject({ name: 'secretariat', role: 'editor' });
    expect(data.key).toMatch(/^rk_[\w-]{43}$/);
    expect(created.headers.etag).toBeUndefined(); // not a roadmap resource
    expect(created.headers['cache-control']).toBe('no-store');

    // The new key works for an editor write (a no-op PUT is enough: it must pass auth).
    const editor = { authorization: `Bearer ${data.key}` };
    const bad = await f.app.inject({
      method: 'PUT',
      url: '/v1/action-lines/C2/facilitators/ITU',
      headers: editor,
      payload: { role: 'boss' },
    });
    expect(bad.statusCode).toBe(400);
    // …but not for admin routes.
    expect((await f.app.inject({ method: 'GET', url: '/v1/api-keys', headers: editor })).statusCode).toBe(403);

    const list = await f.app.inject({ method: 'GET', url: '/v1/api-keys', headers: f.as('admin') });
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    const names = list.json().data.map((k: { name: string }) => k.name);
    expect(names).toEqual(expect.arrayContaining(['test-viewer', 'test-editor', 'test-admin', 'secretariat']));
    for (const secret of [data.key, hashKey(data.key), f.keys.admin.key, hashKey(f.keys.admin.key)]) {
      expect(list.body).not.toContain(secret);
    }
    for (const k of list.json().data)
      expect(Object.keys(k).sort()).toEqual([
        'createdAt',
        'entity',
        'expiresAt',
        'id',
        'lastUsedAt',
        'name',
        'replacedBy',
        'revokedAt',
        'role',
      ]);

    // Same name while the first is active → 409.
    const again = await f.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: f.as('admin'),
      payload: { name: 'secretariat', role: 'viewer' },
    });
    expect(again.statusCode).toBe(409);
    expectProblem(again);

    const revoke = await f.app.inject({ method: 'DELETE', url: `/v1/api-keys/${data.id}`, headers: f.as('admin') });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json().data.revokedAt).toEqual(expect.any(String));
    const after = await f.app.inject({
      method: 'PUT',
      url: '/v1/action-lines/C2/facilitators/ITU',
      headers: editor,
      payload: { role: 'boss' },
    });
    expect(after.statusCode).toBe(401);
    expect(expectProblem(after).detail).toMatch(/revoked/);

    const unknown = await f.app.inject({ method: 'DELETE', url: '/v1/api-keys/no-such-key', headers: f.as('admin') });
    expect(unknown.statusCode).toBe(404);
    expectProblem(unknown);

    // Key management is in the security log (not the roadmap change log), without the key or its hash.
    const events = await f.app.inject({ method: 'GET', url: '/v1/security-events', headers: f.as('admin') });
    const mine = events.json().data.filter((e: { keyId: string }) => e.keyId === data.id);
    expect(mine.map((e: { type: string }) => e.type)).toEqual(['key.revoked', 'key.created']);
    expect(events.body).not.toContain(data.key);
    expect(events.body).not.toContain(hashKey(data.key));
    const changes = await f.app.inject({
      method: 'GET',
      url: `/v1/changes?target=api-keys/${data.id}`,
      headers: f.as('viewer'),
    });
    expect(changes.json().data).toEqual([]);
    // Only the hash is stored.
    const { records } = await f.driver.executeQuery('MATCH (k:ApiKey {id: $id}) RETURN k', { id: data.id });
    expect(JSON.stringify(records[0]!.get('k').properties)).not.toContain(data.key);
    expect(records[0]!.get('k').properties.hash).toBe(hashKey(data.key));
  });

  it('role check messages name the role needed', async () => {
    const response = await f.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: f.as('editor'),
      payload: { name: 'x', role: 'admin' },
    });
    expect(response.statusCode).toBe(403);
    expect(expectProblem(response).detail).toMatch(/admin/);
  });

  it('npm run key:create prints the key alone on the last line, and that key works', async () => {
    const { uri, username, password } = testNeo4j();
    const result = spawnSync('npm', ['run', 'key:create', '--', '--name', 'bootstrap-admin', '--role', 'admin'], {
      env: { ...process.env, NEO4J_URI: uri, NEO4J_USERNAME: username, NEO4J_PASSWORD: password, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const key = lines[lines.length - 1]!;
    expect(key).toMatch(/^rk_[\w-]{43}$/);
    const response = await f.app.inject({
      method: 'GET',
      url: '/v1/api-keys',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().data.find((k: { name: string }) => k.name === 'bootstrap-admin')).toMatchObject({
      role: 'admin',
      revokedAt: null,
    });
  });

  it('key:create refuses a bad role, naming the allowed ones', () => {
    const { uri } = testNeo4j();
    const result = spawnSync('npm', ['run', '--silent', 'key:create', '--', '--name', 'x', '--role', 'root'], {
      env: { ...process.env, NEO4J_URI: uri },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/viewer, editor, admin/);
  });
});
