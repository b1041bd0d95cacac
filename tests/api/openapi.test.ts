import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { generateOpenApi } from '../../src/openapi.js';
import { buildTestApp } from '../helpers/app.js';

describe('OpenAPI 3.1', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => app.close());

  it('the committed openapi/openapi.json is what the app emits (run `npm run openapi` after changing routes)', async () => {
    const committed = readFileSync('openapi/openapi.json', 'utf8');
    expect(committed).toBe(await generateOpenApi());
  });

  it('is served at /openapi.json as OpenAPI 3.1 with JSON Schema 2020-12', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toContain('/v1/action-lines/{id}');
    expect(Object.keys(spec.paths)).toContain('/readyz');
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});
