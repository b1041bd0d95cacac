/**
 * Integers in query strings and paths are base-10 digits only, on every route that takes one:
 * hex, exponents, signs, decimals and blanks are 400 problem+json naming the field (they used to
 * be read by z.coerce.number(): offset=0x10 skipped 16 items, limit=1e1 and offset= were 200).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import { editingFixture, type EditingFixture } from '../helpers/editing.js';

const MALFORMED = ['0x10', '1e1', '', ' 5', '+5', '-1', '1.0', '1_0', '0b1', 'Infinity'];

/** Every integer parameter of the API: the URL with PLACEHOLDER where the value goes, and the field name. */
const INTEGER_PARAMETERS: {
  url: string;
  field: string;
  key?: boolean;
  method?: 'PUT' | 'DELETE' | 'POST';
  template?: string;
}[] = [
  ...[
    '/v1/action-lines',
    '/v1/sdgs',
    '/v1/sdg-targets',
    '/v1/gdc/objectives',
    '/v1/gdc/commitments',
    '/v1/entities',
    '/v1/links',
  ].flatMap((path) => [
    { url: `${path}?limit=PLACEHOLDER`, field: 'query.limit' },
    { url: `${path}?offset=PLACEHOLDER`, field: 'query.offset' },
  ]),
  ...['/v1/versions', '/v1/activities'].flatMap((path) => [
    { url: `${path}?limit=PLACEHOLDER`, field: 'query.limit' },
    { url: `${path}?offset=PLACEHOLDER`, field: 'query.offset' },
  ]),
  // ?revision= (time travel) on every roadmap read that takes it.
  ...[
    { url: '/v1/action-lines/C5', template: '/v1/action-lines/{id}' },
    { url: '/v1/gdc/commitments/11a', template: '/v1/gdc/commitments/{id}' },
    { url: '/v1/sdg-targets/5.b', template: '/v1/sdg-targets/{id}' },
    { url: '/v1/entities/ITU', template: '/v1/entities/{id}' },
    { url: '/v1/links' },
    { url: '/v1/matrix' },
    { url: '/v1/gaps' },
    { url: '/v1/coverage' },
  ].map(({ url, template }) => ({
    url: `${url}?revision=PLACEHOLDER`,
    field: 'query.revision',
    ...(template ? { template } : {}),
  })),
  {
    url: '/v1/activities/A1/progress/PLACEHOLDER',
    template: '/v1/activities/{id}/progress/{year}',
    field: 'path.year',
  },
  {
    url: '/v1/activities/A1/progress/PLACEHOLDER',
    template: '/v1/activities/{id}/progress/{year}',
    field: 'path.year',
    key: true,
    method: 'PUT',
  },
  {
    url: '/v1/reporting-cycles/PLACEHOLDER/close',
    template: '/v1/reporting-cycles/{year}/close',
    field: 'path.year',
    key: true,
    method: 'POST',
  },
  { url: '/v1/reports/annual/PLACEHOLDER', template: '/v1/reports/annual/{year}', field: 'path.year' },
  ...['/v1/changes', '/v1/api-keys'].flatMap((path) => [
    { url: `${path}?limit=PLACEHOLDER`, field: 'query.limit', key: true },
    { url: `${path}?offset=PLACEHOLDER`, field: 'query.offset', key: true },
  ]),
  ...['/v1/verifications', '/v1/security-events'].flatMap((path) => [
    { url: `${path}?limit=PLACEHOLDER`, field: 'query.limit', key: true },
    { url: `${path}?offset=PLACEHOLDER`, field: 'query.offset', key: true },
  ]),
  { url: '/v1/sdg-targets?goal=PLACEHOLDER', field: 'query.goal' },
  { url: '/v1/gdc/commitments?objective=PLACEHOLDER', field: 'query.objective' },
  { url: '/v1/matrix?rows=action-lines&cols=gdc-commitments&objective=PLACEHOLDER', field: 'query.objective' },
  { url: '/v1/matrix?rows=action-lines&cols=sdg-targets&goal=PLACEHOLDER', field: 'query.goal' },
  { url: '/v1/gaps?limit=PLACEHOLDER', field: 'query.limit' },
  { url: '/v1/gaps?offset=PLACEHOLDER', field: 'query.offset' },
  { url: '/v1/search?q=internet&limit=PLACEHOLDER', field: 'query.limit' },
  { url: '/v1/search?q=internet&offset=PLACEHOLDER', field: 'query.offset' },
  { url: '/v1/helpdesk?q=internet&limit=PLACEHOLDER', field: 'query.limit' },
  { url: '/v1/changes?since=PLACEHOLDER', field: 'query.since', key: true },
  { url: '/v1/changes/stream?since=PLACEHOLDER', field: 'query.since', key: true },
  { url: '/v1/sdgs/PLACEHOLDER', field: 'path.id' },
  { url: '/v1/gdc/objectives/PLACEHOLDER', field: 'path.id' },
  ...(['PUT', 'DELETE'] as const).map((method) => ({
    url: '/v1/action-lines/C5/sdgs/PLACEHOLDER',
    template: '/v1/action-lines/{id}/sdgs/{goal}',
    field: 'path.goal',
    key: true,
    method,
  })),
];

/** "METHOD /path/{name} in.name" for a list entry, as the OpenAPI names the same parameter. */
function parameterKey({ url, field, method, template }: (typeof INTEGER_PARAMETERS)[number]): string {
  const [where, name] = field.split('.');
  const pathname = template ?? url.split('?')[0]?.replace('PLACEHOLDER', `{${name}}`);
  return `${method ?? 'GET'} ${pathname} ${where}.${name}`;
}

describe('the list of integer parameters', () => {
  it('names every integer parameter the committed OpenAPI declares, so a new one cannot escape this test', () => {
    type Parameter = { in: string; name: string; schema?: { type?: string } };
    const spec = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as {
      paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
    };
    const declared = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        (operation.parameters ?? [])
          .filter((p) => p.schema?.type === 'integer')
          .map((p) => `${method.toUpperCase()} ${path} ${p.in === 'path' ? 'path' : 'query'}.${p.name}`),
      ),
    );
    expect(declared.length).toBeGreaterThan(30);
    expect(new Set(INTEGER_PARAMETERS.map(parameterKey))).toEqual(new Set(declared));
  });
});

describe('strict integer parameters', () => {
  let f: EditingFixture;
  beforeAll(async () => {
    f = await editingFixture();
  });
  afterAll(async () => f.close());

  it.each(INTEGER_PARAMETERS)(
    '$url refuses every malformed integer, naming $field',
    async ({ url, field, key, method }) => {
      for (const bad of MALFORMED) {
        // Path segments cannot be blank (that is another route); everything else is tried as is.
        if (bad === '' && field.startsWith('path')) continue;
        const response = await f.app.inject({
          method: method ?? 'GET',
          url: url.replace('PLACEHOLDER', encodeURIComponent(bad)),
          headers: key ? f.as('admin') : {},
        });
        expect(response.statusCode, `${url} with ${JSON.stringify(bad)}`).toBe(400);
        const problem = expectProblem(response);
        expect(
          problem.errors?.map((e) => e.path),
          `${url} with ${JSON.stringify(bad)}`,
        ).toContain(field);
      }
    },
  );

  it('plain decimal integers still work, leading zeros included', async () => {
    const page = await f.app.inject({ method: 'GET', url: '/v1/sdgs?limit=3&offset=016' });
    expect(page.statusCode).toBe(200);
    const body = page.json() as { data: { id: number }[]; meta: { limit: number; offset: number } };
    expect(body.meta).toMatchObject({ limit: 3, offset: 16 });
    expect(body.data.map((s) => s.id)).toEqual([17]);

    const goal = await f.app.inject({ method: 'GET', url: '/v1/sdgs/5' });
    expect(goal.statusCode).toBe(200);
    expect((goal.json() as { data: { id: number } }).data.id).toBe(5);

    const defaults = await f.app.inject({ method: 'GET', url: '/v1/action-lines' });
    expect((defaults.json() as { meta: { limit: number; offset: number } }).meta).toMatchObject({
      limit: 100,
      offset: 0,
    });
  });
});
