import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import { type EditingFixture, editingFixture } from '../helpers/editing.js';

let fx: EditingFixture;
beforeAll(async () => {
  fx = await editingFixture();
});
afterAll(async () => fx?.close());

it('GET /v1/me names the presented key and its role, for every role, and never echoes the key', async () => {
  for (const role of ['viewer', 'editor', 'admin'] as const) {
    const response = await fx.app.inject({ url: '/v1/me', headers: fx.as(role) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ data: { name: fx.keys[role].name, role } });
    expect(response.body).not.toContain(fx.keys[role].key);
    expect(response.headers['cache-control']).toBe('no-store');
  }
});

it('GET /v1/me without a key, or with a revoked one, is 401', async () => {
  expect(expectProblem(await fx.app.inject({ url: '/v1/me' })).status).toBe(401);
  const revoke = await fx.app.inject({
    method: 'DELETE',
    url: `/v1/api-keys/${fx.keys.viewer.id}`,
    headers: fx.as('admin'),
  });
  expect(revoke.statusCode).toBe(200);
  const response = await fx.app.inject({ url: '/v1/me', headers: fx.as('viewer') });
  expect(expectProblem(response).status).toBe(401);
});
