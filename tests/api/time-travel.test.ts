import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revisionCacheStats } from '../../src/lib/matrix-cache.js';
import { expectProblem } from '../helpers/app.js';
import { type EditingFixture, editingFixture, graphState, testSource } from '../helpers/editing.js';

/**
 * Versions and time travel: edits, a version named in the middle, more edits; every read at the
 * version must equal what was read at the time (bodies and ETags), and the diff from the version
 * must list exactly the later edits.
 */

/** The reads compared at the time and at the version: JSON, CSV and the item pages. */
const READS = [
  '/v1/links?limit=500',
  '/v1/links?format=csv',
  '/v1/links?type=FACILITATES&to=C3',
  '/v1/matrix',
  '/v1/matrix?rows=action-lines&cols=entities',
  '/v1/matrix?rows=action-lines&cols=entities&format=csv',
  '/v1/matrix?rows=gdc-commitments&cols=entities',
  '/v1/gaps',
  '/v1/gaps?format=csv',
  '/v1/coverage',
  '/v1/action-lines/C3',
  '/v1/action-lines/C9',
  '/v1/gdc/commitments/11a',
  '/v1/entities/ITU',
  '/v1/entities/OHCHR',
  '/v1/entities/UNESCO',
  '/v1/entities/UNDP',
  '/v1/sdg-targets/16.6',
];

/** A problem+json with this status whose errors name exactly these paths. */
function expectProblemAt(
  response: { headers: Record<string, unknown>; body: string; statusCode: number },
  status: number,
  ...paths: string[]
) {
  expect(response.statusCode, response.body).toBe(status);
  const body = expectProblem(response);
  expect((body.errors ?? []).map((e) => e.path).sort()).toEqual([...paths].sort());
  return body;
}

const activityBody = (lead: string) => ({
  title: `Activity led by ${lead}`,
  lead,
  partners: ['UNDP'],
  actionLines: ['C3'],
  commitments: ['11a'],
  targets: ['16.6'],
  start: '2026',
  due: '2027-Q2',
  source: testSource,
});

const withParam = (url: string, param: string) => `${url}${url.includes('?') ? '&' : '?'}${param}`;

describe('versions and time travel', () => {
  let f: EditingFixture;
  const snapshot = new Map<string, { etag: string; body: string }>();
  let named: number;

  const send = async (method: 'PUT' | 'PATCH' | 'POST' | 'DELETE', url: string, payload?: unknown) => {
    const response = await f.app.inject({ method, url, headers: f.as('admin'), ...(payload ? { payload } : {}) });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response;
  };
  const read = async (url: string) => {
    const response = await f.app.inject({ method: 'GET', url });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return { etag: response.headers.etag as string, body: response.body };
  };

  beforeAll(async () => {
    f = await editingFixture();
    // Before the version: a new facilitator, a new entity with a link, an entity edit.
    await send('PUT', '/v1/action-lines/C9/facilitators/OHCHR', { role: 'co', source: testSource });
    await send('PUT', '/v1/action-lines/C2/commitments/13a', { source: testSource, rationale: 'before v1' });
    await send('POST', '/v1/entities', {
      id: 'Test Entity A',
      name: 'Test entity A',
      kind: 'other-un',
      ungisMember: false,
      source: testSource,
    });
    await send('PUT', '/v1/action-lines/C4/facilitators/Test%20Entity%20A', { role: 'partner', source: testSource });
    await send('PATCH', '/v1/entities/OHCHR', { verified: true });
    await send('POST', '/v1/activities', activityBody('ITU'));

    for (const url of READS) snapshot.set(url, await read(url));
    named = (await graphState(f.driver)).revision;
    const version = await send('POST', '/v1/versions', { name: 'CSTD-29 draft', description: 'test' });
    expect(version.statusCode).toBe(201);
    expect(version.json().data).toMatchObject({ id: 'v1', revision: named, name: 'CSTD-29 draft', endorsement: null });

    // After the version: status change, removal, a lead replaced, entity and commitment edits,
    // a new entity with a link, an import adding and removing links.
    await send('PUT', '/v1/action-lines/C9/facilitators/OHCHR', { role: 'co', status: 'endorsed' });
    await send('DELETE', '/v1/action-lines/C2/commitments/11a');
    await send('PUT', '/v1/action-lines/C3/facilitators/ITU', { role: 'lead', replaceLead: true });
    await send('PATCH', '/v1/entities/UNESCO', { name: 'UNESCO (renamed in a test)' });
    await send('PATCH', '/v1/gdc/commitments/11a', { verified: true });
    await send('POST', '/v1/entities', {
      id: 'Test Entity B',
      name: 'Test entity B',
      kind: 'other-un',
      ungisMember: false,
      source: testSource,
    });
    await send('PUT', '/v1/action-lines/C1/facilitators/Test%20Entity%20B', { role: 'partner', source: testSource });
    await send('POST', '/v1/imports', {
      rows: [
        { type: 'ALIGNS_WITH', from: 'C9', to: '11a', source: 'Roadmap draft|Row C9|' },
        { type: 'FACILITATES', from: 'Test Entity A', to: 'C4', op: 'delete' },
      ],
    });
    // Activities after the version: an edit, a new one, a progress report that changes a status.
    await send('PATCH', '/v1/activities/A1', { title: 'Renamed after v1', partners: [] });
    await send('POST', '/v1/activities', activityBody('UNESCO'));
    await send('POST', '/v1/reporting-cycles', { year: 2026 });
    await send('PUT', '/v1/activities/A1/progress/2026', { status: 'in-progress', narrative: 'Started.' });
  });
  afterAll(async () => f?.close());

  it('names a version at the revision the caller saw; versions are listed and immutable', async () => {
    const list = await f.app.inject({ method: 'GET', url: '/v1/versions' });
    expect(list.json().data.map((v: { id: string; revision: number }) => [v.id, v.revision])).toEqual([['v1', named]]);
    const again = await f.app.inject({
      method: 'POST',
      url: '/v1/versions',
      headers: f.as('admin'),
      payload: { name: 'CSTD-29 draft' },
    });
    expectProblemAt(again, 409, 'body.name');
    const asEditor = await f.app.inject({
      method: 'POST',
      url: '/v1/versions',
      headers: f.as('editor'),
      payload: { name: 'x' },
    });
    expect(asEditor.statusCode).toBe(403);
  });

  it('answers every read at the version exactly as it answered then: same bodies, same ETags', async () => {
    for (const url of READS) {
      const then = snapshot.get(url)!;
      for (const param of ['version=v1', `revision=${named}`]) {
        const now = await read(withParam(url, param));
        expect(now.etag, `${url} ${param}`).toBe(then.etag);
        expect(now.body, `${url} ${param}`).toBe(then.body);
      }
    }
  });

  it('differs from the current state (the later edits are real) and leaves the current state alone', async () => {
    const before = await graphState(f.driver);
    const current = await read('/v1/links?limit=500');
    expect(current.body).not.toBe(snapshot.get('/v1/links?limit=500')!.body);
    await read('/v1/matrix?version=v1');
    expect(await graphState(f.driver)).toEqual(before);
    expect((await read('/v1/links?limit=500')).body).toBe(current.body);
  });

  it('a past read neither uses nor disturbs the caches of the current revision', async () => {
    const url = '/v1/matrix?rows=gdc-commitments&cols=entities';
    const current = await read(url);
    expect(current.body).not.toBe(snapshot.get(url)!.body);
    const before = revisionCacheStats();
    // Computed afresh at the version: the matrix cache is neither asked nor filled (nor emptied).
    const past = await read(`${url}&version=v1`);
    expect(past).toEqual(snapshot.get(url));
    expect(revisionCacheStats()).toEqual(before);
    // The current matrix is still cached: its CSV is made from the cached matrix.
    expect((await f.app.inject({ method: 'GET', url: `${url}&format=csv` })).statusCode).toBe(200);
    expect(revisionCacheStats().hits).toBe(before.hits + 1);
    // The finished-bytes cache keeps the two apart, in either order.
    expect(await read(url)).toEqual(current);
    expect(await read(`${url}&version=v1`)).toEqual(snapshot.get(url));
  });

  it('knows no entity at the version that was created after it', async () => {
    expect((await f.app.inject({ method: 'GET', url: '/v1/entities/Test%20Entity%20B' })).statusCode).toBe(200);
    expectProblemAt(
      await f.app.inject({ method: 'GET', url: '/v1/entities/Test%20Entity%20B?version=v1' }),
      404,
      'path.id',
    );
  });

  it('answers 304 to the ETag of the time', async () => {
    const then = snapshot.get('/v1/matrix')!;
    const response = await f.app.inject({
      method: 'GET',
      url: '/v1/matrix?version=v1',
      headers: { 'if-none-match': then.etag },
    });
    expect(response.statusCode).toBe(304);
  });

  it('lists exactly the later edits in the diff from the version', async () => {
    const response = await f.app.inject({ method: 'GET', url: '/v1/diff?from=v1' });
    expect(response.statusCode, response.body).toBe(200);
    const diff = response.json().data;
    const ends = (items: { type: string; from: string; to: string }[]) =>
      items.map((l) => `${l.type} ${l.from} ${l.to}`);
    expect(ends(diff.links.added)).toEqual(['ALIGNS_WITH C9 11a', 'FACILITATES Test Entity B C1']);
    expect(ends(diff.links.removed)).toEqual(['ALIGNS_WITH C2 11a', 'FACILITATES Test Entity A C4']);
    expect(
      diff.links.changed.map(
        (l: {
          type: string;
          from: string;
          to: string;
          changes: { field: string; before: unknown; after: unknown }[];
        }) => [`${l.type} ${l.from} ${l.to}`, l.changes],
      ),
    ).toEqual([
      ['FACILITATES ITU C3', [{ field: 'role', before: 'co', after: 'lead' }]],
      ['FACILITATES OHCHR C9', [{ field: 'status', before: 'proposed', after: 'endorsed' }]],
      ['FACILITATES UNESCO C3', [{ field: 'role', before: 'lead', after: 'co' }]],
    ]);
    expect(diff.nodes.added.map((n: { kind: string; id: string }) => `${n.kind} ${n.id}`)).toEqual([
      'activity A2',
      'entity Test Entity B',
    ]);
    expect(diff.nodes.changed).toEqual([
      {
        kind: 'activity',
        id: 'A1',
        changes: [
          { field: 'partners', before: ['UNDP'], after: [] },
          { field: 'status', before: 'planned', after: 'in-progress' },
          { field: 'title', before: 'Activity led by ITU', after: 'Renamed after v1' },
        ],
      },
      {
        kind: 'entity',
        id: 'UNESCO',
        changes: [{ field: 'name', before: expect.any(String), after: 'UNESCO (renamed in a test)' }],
      },
      { kind: 'gdc-commitment', id: '11a', changes: [{ field: 'verified', before: false, after: true }] },
    ]);
    expect(diff.nodes.changed[0].changes[0].before).not.toBe('UNESCO (renamed in a test)');
    expect(diff.from).toEqual({ revision: named, version: 'v1' });

    // The diff up to the version from itself is empty; the same diff by revision numbers is equal.
    const empty = await f.app.inject({ method: 'GET', url: `/v1/diff?from=v1&to=${named}` });
    expect(empty.json().data.links).toEqual({ added: [], removed: [], changed: [] });
    const byNumber = await f.app.inject({ method: 'GET', url: `/v1/diff?from=${named}` });
    expect(byNumber.json().data.links).toEqual(diff.links);
  });

  it('gives the diff as CSV and XLSX with the same rows', async () => {
    const csv = await f.app.inject({ method: 'GET', url: '/v1/diff?from=v1&format=csv' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('change,kind,from,to,field,before,after');
    expect(lines).toContain('link-changed,FACILITATES,OHCHR,C9,status,proposed,endorsed');
    expect(lines).toContain('link-removed,ALIGNS_WITH,C2,11a,,proposed,');
    expect(lines).toContain('node-changed,gdc-commitment,11a,,verified,false,true');
    // 2 added + 2 removed + 3 changed fields + 2 nodes added + 5 node fields changed
    expect(lines.length - 1).toBe(14);
    expect(lines).toContain('node-changed,activity,A1,,status,planned,in-progress');

    const xlsx = await f.app.inject({ method: 'GET', url: '/v1/diff?from=v1&format=xlsx' });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Diff')!;
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      const cells = (row.values as unknown[]).slice(1);
      rows.push(Array.from({ length: 7 }, (_, i) => String(cells[i] ?? '')));
    });
    expect(rows).toEqual(parse(csv.body) as string[][]);
  });

  it('refuses what it cannot answer, naming the parameter', async () => {
    expectProblemAt(await f.app.inject({ method: 'GET', url: '/v1/matrix?version=v9' }), 404, 'query.version');
    expectProblemAt(await f.app.inject({ method: 'GET', url: '/v1/links?revision=999999' }), 400, 'query.revision');
    expectProblemAt(
      await f.app.inject({ method: 'GET', url: `/v1/links?revision=${named}&version=v1` }),
      400,
      'query.revision',
    );
    // Revision 0 predates the seed load, which records no per-record earlier state.
    expectProblemAt(await f.app.inject({ method: 'GET', url: '/v1/coverage?revision=0' }), 422, 'query.revision');
    expectProblemAt(await f.app.inject({ method: 'GET', url: '/v1/diff?from=v1&to=1' }), 400, 'query.from');
  });

  it('records an endorsement once', async () => {
    const endorsement = { body: 'CSTD, 29th session', date: '2026-04-20', documentRef: 'E/CN.16/2026/L.1' };
    const first = await send('POST', '/v1/versions/v1/endorsement', endorsement);
    expect(first.json().data.endorsement).toMatchObject(endorsement);
    const second = await f.app.inject({
      method: 'POST',
      url: '/v1/versions/v1/endorsement',
      headers: f.as('admin'),
      payload: endorsement,
    });
    expectProblemAt(second, 409, 'path.id');
    const bad = await f.app.inject({
      method: 'POST',
      url: '/v1/versions/v1/endorsement',
      headers: f.as('admin'),
      payload: { body: '', date: 'yesterday' },
    });
    expectProblemAt(bad, 400, 'body.body', 'body.date', 'body.documentRef');
  });

  // Last: it changes what every later read at v1 can answer.
  it('refuses (422, never a guess) a state before a change the replay does not know, such as a curation retire', async () => {
    await send('POST', '/v1/entities/Test%20Entity%20A/retire', { reason: 'Time-travel test' });
    const at = await f.app.inject({ method: 'GET', url: '/v1/matrix?version=v1' });
    const problem = expectProblemAt(at, 422, 'query.version');
    expect(problem.detail).toContain('entity.retire');
    expectProblemAt(await f.app.inject({ method: 'GET', url: '/v1/diff?from=v1' }), 422, 'query.from');
    // Reads now still answer.
    expect((await f.app.inject({ method: 'GET', url: '/v1/matrix' })).statusCode).toBe(200);
  });
});
