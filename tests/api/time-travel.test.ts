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
});

/** A row of /v1/links, as the oracle of the diff compares it. */
interface ListedLink {
  type: string;
  from: string;
  to: string;
  status: string;
  role: string | null;
  source: unknown;
  rationale: string | null;
}

const gdcText = { document: 'Global Digital Compact, annex I to A/RES/79/1', url: 'https://docs.un.org/A/RES/79/1' };

/** Reads at the version across curation: every page a curation change below touches, JSON and CSV. */
const CURATION_READS = [
  '/v1/links?limit=500',
  '/v1/links?limit=500&offset=500',
  '/v1/links?format=csv',
  '/v1/matrix',
  '/v1/matrix?rows=action-lines&cols=entities',
  '/v1/matrix?rows=action-lines&cols=gdc-commitments',
  '/v1/matrix?rows=gdc-commitments&cols=entities&format=csv',
  '/v1/gaps',
  '/v1/gaps?format=csv',
  '/v1/coverage',
  '/v1/action-lines/C2',
  '/v1/action-lines/C3',
  '/v1/action-lines/C4',
  '/v1/action-lines/C9',
  '/v1/gdc/commitments/11a',
  '/v1/gdc/commitments/11b',
  '/v1/gdc/commitments/13b',
  '/v1/gdc/commitments/17b',
  '/v1/gdc/commitments/24',
  '/v1/entities/UNDESA',
  '/v1/entities/DESA',
  '/v1/entities/Test%20Entity%20A',
  '/v1/entities/ILO',
  '/v1/entities/WMO',
  '/v1/entities/UNDP',
  '/v1/entities/OHCHR',
  '/v1/sdg-targets/16.6',
];

describe('time travel across every curation change', () => {
  let f: EditingFixture;
  const snapshot = new Map<string, { etag: string; body: string }>();
  let named: number;
  let linksAtVersion: ListedLink[];

  const send = async (method: 'PUT' | 'PATCH' | 'POST', url: string, payload?: unknown, type?: string) => {
    const response = await f.app.inject({
      method,
      url,
      headers: { ...f.as('admin'), ...(type ? { 'content-type': type } : {}) },
      ...(payload ? { payload: payload as object } : {}),
    });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response;
  };
  const read = async (url: string) => {
    const response = await f.app.inject({ method: 'GET', url });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return { etag: response.headers.etag as string, body: response.body };
  };
  const allLinks = async (param = '') => {
    const response = await f.app.inject({ method: 'GET', url: withParam('/v1/links?format=csv', param) });
    expect(response.statusCode, response.body).toBe(200);
    return parse(response.body, { columns: true }) as Record<string, string>[];
  };
  const linkRows = async (param = '') => {
    const out: ListedLink[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await f.app.inject({ method: 'GET', url: withParam(`/v1/links?limit=500&offset=${offset}`, param) });
      const items = page.json().data as ListedLink[];
      out.push(...items);
      if (items.length < 500) return out;
    }
  };

  beforeAll(async () => {
    f = await editingFixture();
    // Before the version: link edits, an entity with a link, activities naming UNDESA.
    await send('PUT', '/v1/action-lines/C9/facilitators/OHCHR', { role: 'co', source: testSource });
    await send('PUT', '/v1/action-lines/C2/commitments/11b', { source: testSource, rationale: 'before v1' });
    await send('POST', '/v1/entities', {
      id: 'Test Entity A',
      name: 'Test entity A',
      kind: 'other-un',
      ungisMember: false,
      source: testSource,
    });
    await send('PUT', '/v1/action-lines/C4/facilitators/Test%20Entity%20A', { role: 'partner', source: testSource });
    await send('POST', '/v1/entities', {
      id: 'DESA',
      name: 'Department of Economic and Social Affairs',
      kind: 'secretariat',
      ungisMember: true,
      source: testSource,
    });
    for (const line of ['C1', 'C4'])
      await send('PUT', `/v1/action-lines/${line}/facilitators/DESA`, { role: 'partner', source: testSource });
    await send('POST', '/v1/activities', { ...activityBody('UNDESA'), commitments: ['11b'] });
    await send('POST', '/v1/activities', { ...activityBody('ITU'), partners: ['UNDESA', 'DESA'] });

    for (const url of CURATION_READS) snapshot.set(url, await read(url));
    linksAtVersion = await linkRows();
    named = (await graphState(f.driver)).revision;
    await send('POST', '/v1/versions', { name: 'Before curation' });

    // After the version: a link edit, then every curation change, with link edits between them.
    await send('PUT', '/v1/action-lines/C9/facilitators/OHCHR', { role: 'co', status: 'endorsed' });
    await send('PUT', '/v1/action-lines/C2/commitments/11b', { rationale: 'after v1, before the renumber' });
    await send('POST', '/v1/gdc/commitments', {
      paragraph: 11,
      letter: 'c',
      objective: 1,
      section: 's1',
      sectionTitle: 'Digital connectivity',
      summary: 'Test summary of paragraph 11(c).',
      sdgs: [9, 4],
      source: { ...gdcText, locator: 'para 11(c)' },
      reason: 'Missing from the seed',
    }); // commitment.create
    await send('POST', '/v1/gdc/commitments/11b/renumber', { paragraph: 11, letter: 'e', reason: 'Letter checked' }); // commitment.renumber(ed), <link>.move
    await send('PUT', '/v1/action-lines/C3/commitments/11e', { source: testSource, rationale: 'after the renumber' });
    await send('POST', '/v1/entities/Test%20Entity%20A/retire', { reason: 'Time-travel test' }); // entity.retire, <link>.retire
    await send('POST', '/v1/entities/UNDESA/merge', { into: 'DESA', reason: 'Same department' }); // entity.merge/absorb, <link>.merge, activity roles
    await send('POST', '/v1/gdc/commitments/13b/retire', { reason: 'Time-travel test' }); // commitment.retire
    await send('POST', '/v1/verifications', {
      target: 'gdc/commitments/24',
      ...gdcText,
      locator: 'para 24',
      confidence: 'high',
    });
    const second = await send('POST', '/v1/verifications', {
      target: 'gdc/commitments/24',
      ...gdcText,
      locator: 'para 24',
    });
    await send('POST', `/v1/verifications/${second.json().data.id}/revoke`, { reason: 'Wrong draft' }); // verification.*
    await send('POST', '/v1/verifications', {
      target: 'action-lines/C9/facilitators/OHCHR',
      ...gdcText,
      locator: 'para 24',
    }); // a link verified
    const header = 'op,id,paragraph,letter,objective,section,sectionTitle,summary,sdgs,verified,confidence,source';
    await send(
      'POST',
      '/v1/imports/commitments',
      [
        header,
        `,11a,,,,,,Summary of 11(a) corrected in a test.,9;17,true,high,"${gdcText.document}|para 11(a)|"`,
        `upsert,,11,f,1,s1,Digital connectivity,Test summary of paragraph 11(f).,9,false,medium,"${gdcText.document}|para 11(f)|"`,
        'retire,17b,,,,,,,,,,',
      ].join('\n'),
      'text/csv',
    ); // reference import: commitment.update (objective links, cited SDGs), .create, .retire
    await send('POST', '/v1/imports/entities', {
      reason: 'Membership list checked',
      rows: [
        {
          id: 'WMO',
          verified: true,
          ungisMember: true,
          membershipConfidence: 'high',
          source: 'UNGIS members list|WMO|',
        },
        { id: 'UNU', name: 'United Nations University', kind: 'other-un', ungisMember: false, source: testSource },
        { id: 'ILO', op: 'retire' },
      ],
    }); // reference import: entity.update, .create, .retire
    await send('PUT', '/v1/action-lines/C3/facilitators/DESA', { role: 'co', source: testSource });
  }, 120_000);
  afterAll(async () => f?.close());

  it('answers every read at the version as it answered then, past every curation kind: bodies and ETags', async () => {
    const kinds = await f.driver.executeQuery(
      'MATCH (c:Change) WHERE c.revision > $named RETURN collect(DISTINCT c.action) AS a',
      {
        named,
      },
    );
    const actions = new Set(kinds.records[0]!.get('a') as string[]);
    for (const action of [
      'commitment.create',
      'commitment.renumber',
      'commitment.renumbered',
      'commitment.retire',
      'commitment.update',
      'entity.retire',
      'entity.merge',
      'entity.absorb',
      'entity.create',
      'entity.update',
      'facilitator.retire',
      'facilitator.merge',
      'alignment.move',
      'alignment.retire',
      'verification.create',
      'verification.revoke',
      'activity.update',
    ])
      expect(actions, action).toContain(action);
    for (const url of CURATION_READS) {
      const then = snapshot.get(url)!;
      for (const param of ['version=v1', `revision=${named}`]) {
        const now = await read(withParam(url, param));
        expect(now.etag, `${url} ${param}`).toBe(then.etag);
        expect(now.body, `${url} ${param}`).toBe(then.body);
      }
    }
    // What curation made after the version is unknown there, and the current state is untouched.
    for (const id of ['11c', '11e', '11f'])
      expect((await f.app.inject({ method: 'GET', url: `/v1/gdc/commitments/${id}?version=v1` })).statusCode).toBe(404);
    expect((await f.app.inject({ method: 'GET', url: '/v1/gdc/commitments/11e' })).statusCode).toBe(200);
    expect((await f.app.inject({ method: 'GET', url: '/v1/entities/UNDESA' })).statusCode).toBe(301);
  });

  it('lists in the diff exactly what changed in the links since the version, and the nodes curation touched', async () => {
    const response = await f.app.inject({ method: 'GET', url: '/v1/diff?from=v1' });
    expect(response.statusCode, response.body).toBe(200);
    const diff = response.json().data;
    // The oracle: the link list at the version (read then) against the link list now.
    const key = (l: { type: string; from: string; to: string }) => `${l.type} ${l.from} ${l.to}`;
    const content = (l: ListedLink) => JSON.stringify([l.status, l.role, l.rationale, l.source]);
    const then = new Map(linksAtVersion.map((l) => [key(l), l]));
    const now = new Map((await linkRows()).map((l) => [key(l), l]));
    const added = [...now.keys()].filter((k) => !then.has(k)).sort();
    const removed = [...then.keys()].filter((k) => !now.has(k)).sort();
    const changed = [...now.keys()].filter((k) => then.has(k) && content(then.get(k)!) !== content(now.get(k)!)).sort();
    expect(added.length * removed.length * changed.length).toBeGreaterThan(0);
    expect(diff.links.added.map(key).sort()).toEqual(added);
    expect(diff.links.removed.map(key).sort()).toEqual(removed);
    expect(diff.links.changed.map(key).sort()).toEqual(changed);
    expect(added).toContain('ALIGNS_WITH C3 11e');
    expect(removed).toContain('ALIGNS_WITH C2 11b');

    const nodes = (items: { kind: string; id: string }[]) => items.map((n) => `${n.kind} ${n.id}`);
    expect(nodes(diff.nodes.added)).toEqual([
      'entity UNU',
      'gdc-commitment 11c',
      'gdc-commitment 11e',
      'gdc-commitment 11f',
    ]);
    expect(nodes(diff.nodes.changed)).toEqual([
      'activity A1',
      'activity A2',
      'entity ILO',
      'entity Test Entity A',
      'entity UNDESA',
      'entity WMO',
      'gdc-commitment 11a',
      'gdc-commitment 11b',
      'gdc-commitment 13b',
      'gdc-commitment 17b',
      'gdc-commitment 24',
    ]);
    const changesOf = (id: string) =>
      Object.fromEntries(
        diff.nodes.changed
          .find((n: { id: string }) => n.id === id)
          .changes.map((c: { field: string; before: unknown; after: unknown }) => [c.field, [c.before, c.after]]),
      );
    expect(changesOf('UNDESA')).toMatchObject({ status: ['active', 'retired'], mergedInto: [null, 'DESA'] });
    expect(changesOf('11b')).toMatchObject({ status: ['active', 'retired'], replacedBy: [null, '11e'] });
    // A1 served 11b (now 11e) and was led by UNDESA (merged into DESA).
    expect(changesOf('A1')).toEqual({ commitments: [['11b'], ['11e']], lead: ['UNDESA', 'DESA'] });
    // Partners in any order: the activity read does not order them.
    const [partnersBefore, partnersAfter] = changesOf('A2').partners as string[][];
    expect(Object.keys(changesOf('A2'))).toEqual(['partners']);
    expect([[...partnersBefore!].sort(), partnersAfter]).toEqual([['DESA', 'UNDESA'], ['DESA']]);
    expect(changesOf('24')).toMatchObject({ verified: [false, true], confidence: [expect.any(String), 'high'] });
  });

  it('keeps the link list of the version whole across the curation changes', async () => {
    expect(await linkRows('version=v1')).toEqual(linksAtVersion);
    expect((await allLinks('version=v1')).length).toBe(linksAtVersion.length);
  });

  // Last: it rewrites one record as records were written before curation kept its replay.
  it('refuses (422, naming the change) a curation record written before curation kept the exact earlier state', async () => {
    const strip = await f.driver.executeQuery(
      "MATCH (c:Change {action: 'entity.retire', target: 'entities/Test Entity A'}) WITH c, c.replay AS replay REMOVE c.replay RETURN replay",
    );
    const replay = strip.records[0]!.get('replay') as string;
    expect(replay).toContain('RetiredEntity');
    try {
      const problem = expectProblemAt(
        await f.app.inject({ method: 'GET', url: '/v1/matrix?version=v1' }),
        422,
        'query.version',
      );
      expect(problem.detail).toContain('"entity.retire"');
      expect(problem.detail).toContain('recorded before');
      expectProblemAt(await f.app.inject({ method: 'GET', url: '/v1/diff?from=v1' }), 422, 'query.from');
      expect((await f.app.inject({ method: 'GET', url: '/v1/matrix' })).statusCode).toBe(200);
    } finally {
      await f.driver.executeQuery(
        "MATCH (c:Change {action: 'entity.retire', target: 'entities/Test Entity A'}) SET c.replay = $replay",
        { replay },
      );
    }
    expect((await f.app.inject({ method: 'GET', url: '/v1/matrix?version=v1' })).statusCode).toBe(200);
  });
});

describe('activities when an entity is retired or merged, and past due at a past state', () => {
  let f: EditingFixture;
  const send = (method: 'POST' | 'PATCH', url: string, payload: unknown) =>
    f.app.inject({ method, url, headers: f.as('admin'), payload: payload as object });

  beforeAll(async () => {
    f = await editingFixture();
    const created = await send('POST', '/v1/entities', {
      id: 'Test Entity L',
      name: 'Test entity L',
      kind: 'other-un',
      ungisMember: false,
      source: testSource,
    });
    expect(created.statusCode, created.body).toBe(201);
    for (const body of [
      { ...activityBody('Test Entity L'), partners: ['UNDP'] },
      { ...activityBody('ITU'), partners: ['Test Entity L'], status: 'completed' },
    ]) {
      const response = await send('POST', '/v1/activities', body);
      expect(response.statusCode, response.body).toBe(201);
    }
  }, 60_000);
  afterAll(async () => f?.close());

  it('refuses to retire an entity that activities name (409 naming each), and changes nothing', async () => {
    const before = await graphState(f.driver);
    const refused = await send('POST', '/v1/entities/Test%20Entity%20L/retire', { reason: 'Test' });
    const problem = expectProblemAt(refused, 409, 'activities.0', 'activities.1');
    expect(problem.detail).toContain('A1 (lead, planned)');
    expect(problem.detail).toContain('A2 (partner, completed)');
    expect(await graphState(f.driver)).toEqual(before);
  });

  it('a merge hands the lead and partner roles to the survivor, recorded in the same revision and undone at an earlier one', async () => {
    const pages = [
      '/v1/entities/UNDP',
      '/v1/entities/Test%20Entity%20L',
      '/v1/action-lines/C3',
      '/v1/gdc/commitments/11a',
    ];
    const then = new Map<string, string>();
    for (const url of pages) then.set(url, (await f.app.inject({ method: 'GET', url })).body);
    const { revision } = await graphState(f.driver);
    const merged = await send('POST', '/v1/entities/Test%20Entity%20L/merge', { into: 'UNDP', reason: 'Same body' });
    expect(merged.statusCode, merged.body).toBe(200);
    const activity = async (id: string) =>
      (await f.app.inject({ method: 'GET', url: `/v1/activities/${id}` })).json().data;
    // UNDP was A1's partner and now leads it: it is not listed as its own partner.
    expect(await activity('A1')).toMatchObject({ lead: 'UNDP', partners: [] });
    expect(await activity('A2')).toMatchObject({ lead: 'ITU', partners: ['UNDP'] });
    const records = await f.driver.executeQuery(
      "MATCH (c:Change {action: 'activity.update'}) WHERE c.revision = $next RETURN c.target AS target ORDER BY target",
      { next: revision + 1 },
    );
    expect(records.records.map((r) => r.get('target'))).toEqual(['activities/A1', 'activities/A2']);
    for (const url of pages) {
      const past = await f.app.inject({ method: 'GET', url: withParam(url, `revision=${revision}`) });
      expect(past.body, url).toBe(then.get(url));
    }
  });

  it('activity writes refuse a retired or merged entity as lead or partner (422 naming the field)', async () => {
    const before = await graphState(f.driver);
    expectProblemAt(await send('POST', '/v1/activities', activityBody('Test Entity L')), 422, 'body.lead');
    expectProblemAt(
      await send('PATCH', '/v1/activities/A2', { partners: ['UNDP', 'Test Entity L'] }),
      422,
      'body.partners.1',
    );
    expect(await graphState(f.driver)).toEqual(before);
  });

  it('judges "past due" at a past version on the day its revision was committed, not today', async () => {
    const due = await send('POST', '/v1/activities', { ...activityBody('ITU'), start: '2025', due: '2025-Q3' });
    expect(due.statusCode, due.body).toBe(201);
    const id = due.json().data.id as string;
    const { revision } = await graphState(f.driver);
    expect((await send('POST', '/v1/versions', { name: 'Mid-2025' })).statusCode).toBe(201);
    // As if that state had been committed on 30 June 2025, when 2025-Q3 was not over yet.
    await f.driver.executeQuery("MATCH (c:Change {revision: $revision}) SET c.at = '2025-06-30T12:00:00.000Z'", {
      revision,
    });
    const pastDue = async (query: string) =>
      (await f.app.inject({ method: 'GET', url: `/v1/gaps?kind=activities-past-due${query}` }))
        .json()
        .data['activities-past-due'].map((g: { id: string }) => g.id);
    expect(await pastDue('')).toContain(id);
    expect(await pastDue('&version=v1')).not.toContain(id);
    expect(await pastDue(`&revision=${revision}`)).not.toContain(id);
  });
});
