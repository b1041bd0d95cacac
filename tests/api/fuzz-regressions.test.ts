/**
 * Regressions for what Schemathesis found fuzzing the API from its own OpenAPI document
 * (`npm run fuzz`, tools/fuzz.sh): each test replays the request that failed and checks the answer
 * against the document the app serves, so the document and the server cannot drift apart again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import { editingFixture, graphState, type EditingFixture } from '../helpers/editing.js';

interface MediaType {
  schema?: { $ref?: string; type?: string; format?: string; anyOf?: unknown[] };
}
interface Operation {
  parameters?: { in: string; name: string; schema?: { pattern?: string } }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<
      string,
      { additionalProperties?: unknown; anyOf?: { required: string[] }[]; properties?: Record<string, unknown> }
    >;
  };
}

/** The media types a served response's Content-Type must be one of, per the document. */
const documentedTypes = (op: Operation, status: number) => Object.keys(op.responses[String(status)]?.content ?? {});
const mediaTypeOf = (headers: Record<string, unknown>) =>
  String(headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();

describe('fuzzing regressions (Schemathesis findings)', () => {
  let f: EditingFixture;
  let spec: Spec;
  const op = (path: string, method: string) => {
    const found = spec.paths[path]?.[method];
    if (!found) throw new Error(`no ${method.toUpperCase()} ${path} in the document`);
    return found;
  };

  beforeAll(async () => {
    f = await editingFixture();
    spec = (await f.app.inject({ method: 'GET', url: '/openapi.json' })).json() as Spec;
  });
  afterAll(async () => f.close());

  it('an offset past what Cypher slices take is 400, not 500 (GET /v1/entities?offset=9007199254740990)', async () => {
    for (const url of [
      '/v1/entities?offset=9007199254740990',
      '/v1/action-lines?offset=1375748600285',
      '/v1/sdg-targets?offset=2147483648',
    ]) {
      const response = await f.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(expectProblem(response).errors?.map((e) => e.path)).toEqual(['query.offset']);
    }
    // The largest offset allowed still answers, with an empty page.
    const total = (await f.app.inject({ method: 'GET', url: '/v1/entities' })).json().meta.total as number;
    const last = await f.app.inject({ method: 'GET', url: '/v1/entities?offset=2147483147&limit=500' });
    expect(last.statusCode).toBe(200);
    expect(last.json()).toMatchObject({ data: [], meta: { total, offset: 2147483147, limit: 500 } });
  });

  it('every error response is documented as application/problem+json, and served so', async () => {
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400) continue;
          expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual([
            'application/problem+json',
          ]);
        }
      }
    }
    const missing = await f.app.inject({ method: 'GET', url: '/v1/entities/NO-SUCH-ENTITY' });
    expect(missing.statusCode).toBe(404);
    expect(documentedTypes(op('/v1/entities/{id}', 'get'), 404)).toContain(mediaTypeOf(missing.headers));
  });

  it('CSV and XLSX answers are documented media types (GET /v1/gaps?format=csv)', async () => {
    const cases = [
      ['/v1/gaps', '/v1/gaps?format=csv'],
      ['/v1/links', '/v1/links?format=csv'],
      ['/v1/matrix', '/v1/matrix?format=csv'],
      ['/v1/matrix', '/v1/matrix?format=xlsx'],
      ['/v1/matrix', '/v1/matrix'],
    ] as const;
    for (const [path, url] of cases) {
      const response = await f.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(documentedTypes(op(path, 'get'), 200), url).toContain(mediaTypeOf(response.headers));
    }
    expect(op('/v1/links', 'get').responses['200']!.content!['text/csv']!.schema).toEqual({ type: 'string' });
  });

  it('a path parameter longer than 100 characters or a broken %-escape is a documented 400 problem, not Fastify’s 414/JSON', async () => {
    for (const url of [`/v1/entities/${'0'.repeat(101)}`, '/v1/entities/%E0%A4%A']) {
      const response = await f.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(expectProblem(response).errors?.[0]?.path).toBe('path');
      expect(documentedTypes(op('/v1/entities/{id}', 'get'), 400)).toContain(mediaTypeOf(response.headers));
    }
    // 100 characters still reach the route (and its 404).
    const longest = await f.app.inject({ method: 'GET', url: `/v1/entities/${'0'.repeat(100)}` });
    expect(longest.statusCode).toBe(404);
  });

  it('API key writes are outside the roadmap: a stale roadmap If-Match does not concern them, and they move no revision', async () => {
    const before = await graphState(f.driver);
    const response = await f.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: { ...f.as('admin'), 'if-match': '""' },
      payload: { name: 'fuzz-stale', role: 'viewer' },
    });
    expect(response.statusCode).toBe(201);
    expect(await graphState(f.driver)).toEqual(before);
    expect(op('/v1/api-keys', 'post').responses[412]).toBeUndefined();
    expect(op('/v1/api-keys/{id}', 'delete').responses[412]).toBeUndefined();
  });

  it('problem extension members (currentEtag, currentLead) are allowed by the Problem schema', () => {
    expect(spec.components.schemas.Problem!.additionalProperties).not.toBe(false);
  });

  it('every operation that parses a body documents 413 and 415; an unsupported Content-Type is 415', async () => {
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (method === 'get' || method === 'head') continue;
        expect(Object.keys(operation.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['413', '415']));
      }
    }
    const response = await f.app.inject({
      method: 'POST',
      url: '/v1/entities',
      headers: { ...f.as('admin'), 'content-type': 'application/xml' },
      payload: '<entity/>',
    });
    expect(response.statusCode).toBe(415);
    expectProblem(response);
  });

  it('a 422 from POST /v1/imports matches its documented schema: errors carry the row', async () => {
    const response = await f.app.inject({
      method: 'POST',
      url: '/v1/imports',
      headers: { ...f.as('editor'), 'content-type': 'text/csv' },
      payload: '{}',
    });
    expect(response.statusCode).toBe(422);
    const problem = expectProblem(response) as { errors: Record<string, unknown>[] };
    const schemaRef = op('/v1/imports', 'post').responses['422']!.content!['application/problem+json']!.schema!.$ref!;
    const errorsSchema = spec.components.schemas[schemaRef.split('/').pop()!]!.properties!.errors as {
      items: { properties: Record<string, unknown>; additionalProperties?: unknown };
    };
    for (const error of problem.errors) {
      for (const key of Object.keys(error)) expect(Object.keys(errorsSchema.items.properties)).toContain(key);
    }
    expect(problem.errors[0]).toHaveProperty('row');
  });

  it('the text/csv request body of POST /v1/imports is documented as text, not as the JSON object', () => {
    const content = op('/v1/imports', 'post').requestBody!.content;
    expect(content['text/csv']!.schema).toEqual({ type: 'string' });
    expect(content['application/json']!.schema!.anyOf).toBeDefined();
  });

  it('PATCH bodies document "at least one field besides reason", which the server enforces (PATCH /v1/entities/ITU {})', async () => {
    for (const [schema, path] of [
      ['EntityPatch', '/v1/entities/ITU'],
      ['CommitmentPatch', '/v1/gdc/commitments/13a'],
    ] as const) {
      const component = spec.components.schemas[schema] ?? spec.components.schemas[`${schema}Input`];
      const fields = Object.keys(component!.properties!).filter((k) => k !== 'reason');
      expect(component!.anyOf?.flatMap((a) => a.required).sort()).toEqual(fields.sort());
      for (const payload of [{}, { reason: 'only a reason' }]) {
        const response = await f.app.inject({ method: 'PATCH', url: path, headers: f.as('editor'), payload });
        expect(response.statusCode, `${path} ${JSON.stringify(payload)}`).toBe(400);
        expectProblem(response);
      }
    }
  });

  it('blank text ("\\n") is documented as invalid where the server trims it away (POST /v1/entities source.document)', async () => {
    const source = (spec.components.schemas.LinkSource ?? spec.components.schemas.LinkSourceInput)!
      .properties! as Record<string, { pattern?: string }>;
    for (const field of ['document', 'locator']) {
      const pattern = new RegExp(source[field]!.pattern!);
      expect(pattern.test('\n'), field).toBe(false);
      expect(pattern.test('Geneva Plan of Action'), field).toBe(true);
    }
    const response = await f.app.inject({
      method: 'POST',
      url: '/v1/entities',
      headers: f.as('admin'),
      payload: {
        id: 'FUZZ',
        name: 'V',
        kind: 'fund-programme',
        ungisMember: false,
        source: { document: '\n', locator: 'para 1', url: null },
      },
    });
    expect(response.statusCode).toBe(400);
    expect(expectProblem(response).errors?.map((e) => e.path)).toContain('body.source.document');

    // The 20-word limit of a commitment summary is a documented pattern too.
    const summary = (spec.components.schemas.CommitmentPatch ?? spec.components.schemas.CommitmentPatchInput)!
      .properties!.summary as { pattern?: string; allOf?: { pattern: string }[] };
    const patterns = [summary.pattern, ...(summary.allOf ?? []).map((a) => a.pattern)]
      .filter(Boolean)
      .map((p) => new RegExp(p!));
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    expect(patterns.every((p) => p.test(words(20)))).toBe(true);
    expect(patterns.some((p) => !p.test(words(21)))).toBe(true);
    const tooLong = await f.app.inject({
      method: 'PATCH',
      url: '/v1/gdc/commitments/13a',
      headers: f.as('editor'),
      payload: { summary: words(21) },
    });
    expect(tooLong.statusCode).toBe(400);
  });

  it('GET /v1/changes/stream documents its events and a numeric Last-Event-ID', async () => {
    const stream = op('/v1/changes/stream', 'get');
    expect(stream.responses['200']!.content!['text/event-stream']!.schema!.$ref).toBe(
      '#/components/schemas/ChangeEvent',
    );
    const pattern = stream.parameters?.find((p) => p.in === 'header' && p.name === 'last-event-id')?.schema?.pattern;
    expect(pattern).toBeDefined();
    expect(new RegExp(pattern!).test('$>]%K<Cy:6x+')).toBe(false);
    expect(new RegExp(pattern!).test('42')).toBe(true);
    const response = await f.app.inject({
      method: 'GET',
      url: '/v1/changes/stream',
      headers: { ...f.as('viewer'), 'last-event-id': '$>]%K<Cy:6x+' },
    });
    expect(response.statusCode).toBe(400);
    expect(expectProblem(response).errors?.[0]?.path).toBe('header.last-event-id');
  });

  it('a method a path does not offer is 405 with Allow (TRACE /livez, QUERY /v1/sdgs/5); unknown paths stay 404', async () => {
    const trace = await f.app.inject({ method: 'TRACE', url: '/livez' });
    expect(trace.statusCode).toBe(405);
    expect(trace.headers.allow).toBe('GET, HEAD, OPTIONS');
    expectProblem(trace);

    const query = await f.app.inject({ method: 'QUERY' as 'GET', url: '/v1/sdgs/5' });
    expect(query.statusCode).toBe(405);
    expect(query.headers.allow).toBe('GET, HEAD, OPTIONS');

    const del = await f.app.inject({ method: 'DELETE', url: '/v1/entities/ITU', headers: f.as('admin') });
    expect(del.statusCode).toBe(405);
    expect(String(del.headers.allow).split(', ').sort()).toEqual(['GET', 'HEAD', 'OPTIONS', 'PATCH']);

    const unknown = await f.app.inject({ method: 'TRACE', url: '/v1/no-such-thing' });
    expect(unknown.statusCode).toBe(404);
    expectProblem(unknown);
  });
});
