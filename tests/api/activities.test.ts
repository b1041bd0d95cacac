import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnLabels } from '../../src/lib/i18n/column-labels/index.js';
import { expectProblem } from '../helpers/app.js';
import { type EditingFixture, editingFixture, etagOf, graphState, testSource } from '../helpers/editing.js';

/**
 * Implementation activities, their yearly progress, reporting cycles and focal-point keys: written
 * through the API (validated, audited, If-Match, all-or-nothing) and shown on the pages they serve.
 * Every activity here is made by the test; the seed holds none.
 */

type Response = {
  headers: Record<string, unknown>;
  body: string;
  rawPayload: Buffer;
  statusCode: number;
  json: () => any;
};

function expectProblemAt(response: Response, status: number, ...paths: string[]) {
  expect(response.statusCode, response.body).toBe(status);
  const body = expectProblem(response);
  expect((body.errors ?? []).map((e) => e.path).sort()).toEqual([...paths].sort());
  return body;
}

const activity = (over: Record<string, unknown> = {}) => ({
  title: 'Regional workshops on e-government service design',
  lead: 'ITU',
  partners: ['UNDP'],
  actionLines: ['C3'],
  commitments: ['11a'],
  targets: ['16.6'],
  start: '2026',
  due: '2027-Q2',
  indicators: [{ name: 'Agencies trained', unit: 'agencies', baseline: 0, target: 40 }],
  source: testSource,
  ...over,
});

describe('implementation activities', () => {
  let f: EditingFixture;
  let focalKey: string;
  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const inject = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    headers = {},
    payload?: Record<string, unknown>,
  ) => f.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) }) as Promise<Response>;

  beforeAll(async () => {
    f = await editingFixture();
    const key = await inject('POST', '/v1/api-keys', f.as('admin'), {
      name: 'itu-focal-point',
      role: 'editor',
      entity: 'ITU',
    });
    expect(key.statusCode, key.body).toBe(201);
    expect(key.json().data.entity).toBe('ITU');
    focalKey = key.json().data.key;
  });
  afterAll(async () => f?.close());

  it('none are seeded', async () => {
    const list = await inject('GET', '/v1/activities');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().meta.total).toBe(0);
  });

  it('creates one, audited, and shows it on the action line, commitment, target and entity pages', async () => {
    const before = await graphState(f.driver);
    const created = await inject('POST', '/v1/activities', f.as('editor'), activity());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.location).toBe('/v1/activities/A1');
    expect(created.json().data).toMatchObject({ id: 'A1', status: 'planned', lead: 'ITU', partners: ['UNDP'] });
    const after = await graphState(f.driver);
    expect(after).toEqual({ revision: before.revision + 1, changes: before.changes + 1 });
    expect(created.headers.etag).toBe(etagOf(after.revision));

    const summary = {
      id: 'A1',
      title: activity().title,
      lead: 'ITU',
      status: 'planned',
      start: '2026',
      due: '2027-Q2',
    };
    for (const url of ['/v1/action-lines/C3', '/v1/gdc/commitments/11a', '/v1/sdg-targets/16.6']) {
      expect((await inject('GET', url)).json().data.activities, url).toEqual([summary]);
    }
    expect((await inject('GET', '/v1/entities/ITU')).json().data.activities).toEqual([{ ...summary, role: 'lead' }]);
    expect((await inject('GET', '/v1/entities/UNDP')).json().data.activities).toEqual([
      { ...summary, role: 'partner' },
    ]);
    expect((await inject('GET', '/v1/action-lines/C4')).json().data.activities).toEqual([]);

    const changes = await inject('GET', '/v1/changes?limit=1', f.as('viewer'));
    expect(changes.json().data[0]).toMatchObject({ action: 'activity.create', before: null });
  });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const before = await graphState(f.driver);
    expectProblemAt(
      await inject('POST', '/v1/activities', f.as('editor'), activity({ start: '2027', due: '2026-Q4' })),
      400,
      'body.due',
    );
    expectProblemAt(
      await inject('POST', '/v1/activities', f.as('editor'), activity({ due: '2027-Q5', status: 'done' })),
      400,
      'body.due',
      'body.status',
    );
    expectProblemAt(
      await inject(
        'POST',
        '/v1/activities',
        f.as('editor'),
        activity({ partners: ['No Such Entity'], actionLines: ['C3', 'C11'], targets: ['18.1'] }),
      ),
      422,
      'body.partners.0',
      'body.targets.0',
    );
    expectProblemAt(
      await inject('POST', '/v1/activities', f.as('editor'), activity({ partners: ['ITU'] })),
      400,
      'body.partners.0',
    );
    expect(await graphState(f.driver)).toEqual(before);
  });

  it('edits with If-Match: a stale ETag is 412 and changes nothing; an unchanged PATCH records nothing', async () => {
    const stale = etagOf((await graphState(f.driver)).revision - 1);
    const before = await graphState(f.driver);
    const refused = await inject(
      'PATCH',
      '/v1/activities/A1',
      { ...f.as('editor'), 'if-match': stale },
      { status: 'in-progress' },
    );
    expect(refused.statusCode).toBe(412);
    expect(await graphState(f.driver)).toEqual(before);

    const current = etagOf(before.revision);
    const edited = await inject(
      'PATCH',
      '/v1/activities/A1',
      { ...f.as('editor'), 'if-match': current },
      { status: 'in-progress', partners: [] },
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().data).toMatchObject({ status: 'in-progress', partners: [] });
    expect((await inject('GET', '/v1/entities/UNDP')).json().data.activities).toEqual([]);

    const again = await graphState(f.driver);
    expect((await inject('PATCH', '/v1/activities/A1', f.as('editor'), { status: 'in-progress' })).statusCode).toBe(
      200,
    );
    expect(await graphState(f.driver)).toEqual(again);
  });

  it('a focal-point key writes its own entity’s activities and progress, and gets 403 elsewhere', async () => {
    await inject('POST', '/v1/reporting-cycles', f.as('admin'), { year: 2026 });
    const other = await inject('POST', '/v1/activities', f.as('editor'), activity({ lead: 'UNESCO', partners: [] }));
    expect(other.json().data.id).toBe('A2');

    const report = {
      status: 'in-progress',
      narrative: 'Two workshops held.',
      actuals: [{ indicator: 'Agencies trained', value: 18 }],
    };
    const own = await inject('PUT', '/v1/activities/A1/progress/2026', as(focalKey), report);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().data).toMatchObject({ activityId: 'A1', year: 2026, submittedBy: 'itu-focal-point' });

    const before = await graphState(f.driver);
    expect((await inject('PUT', '/v1/activities/A2/progress/2026', as(focalKey), report)).statusCode).toBe(403);
    expect((await inject('PATCH', '/v1/activities/A2', as(focalKey), { status: 'delayed' })).statusCode).toBe(403);
    expect((await inject('PATCH', '/v1/activities/A1', as(focalKey), { lead: 'UNESCO' })).statusCode).toBe(403);
    expect(
      (await inject('POST', '/v1/activities', as(focalKey), activity({ lead: 'UNESCO', partners: [] }))).statusCode,
    ).toBe(403);
    // Nothing but its activities: a link write is 403 too.
    expect((await inject('PUT', '/v1/action-lines/C3/facilitators/ITU', as(focalKey), { role: 'co' })).statusCode).toBe(
      403,
    );
    expect(await graphState(f.driver)).toEqual(before);

    const edited = await inject('PATCH', '/v1/activities/A1', as(focalKey), { title: 'Workshops (ITU edit)' });
    expect(edited.statusCode, edited.body).toBe(200);
  });

  it('a focal-point key must be an editor and name an existing entity', async () => {
    expectProblemAt(
      await inject('POST', '/v1/api-keys', f.as('admin'), { name: 'x1', role: 'admin', entity: 'ITU' }),
      400,
      'body.role',
    );
    expectProblemAt(
      await inject('POST', '/v1/api-keys', f.as('admin'), { name: 'x2', role: 'editor', entity: 'Nobody' }),
      422,
      'body.entity',
    );
  });

  it('progress: actuals must name the indicators; the reported status becomes the activity’s', async () => {
    expectProblemAt(
      await inject('PUT', '/v1/activities/A1/progress/2026', f.as('editor'), {
        status: 'delayed',
        narrative: 'x',
        actuals: [{ indicator: 'Nope', value: 1 }],
      }),
      400,
      'body.actuals.0.indicator',
    );
    const put = await inject('PUT', '/v1/activities/A1/progress/2026', f.as('editor'), {
      status: 'delayed',
      narrative: 'Venue problems.',
      actuals: [{ indicator: 'Agencies trained', value: 20 }],
      evidence: ['https://example.org/report'],
    });
    expect(put.statusCode, put.body).toBe(200);
    const detail = (await inject('GET', '/v1/activities/A1')).json().data;
    expect(detail.status).toBe('delayed');
    expect(detail.progress).toEqual([expect.objectContaining({ year: 2026, narrative: 'Venue problems.' })]);
  });

  it('a reporting year that is not open, or closed, refuses progress with a clear problem', async () => {
    const report = { status: 'in-progress', narrative: 'x' };
    const notOpen = expectProblemAt(
      await inject('PUT', '/v1/activities/A1/progress/2025', f.as('editor'), report),
      409,
      'path.year',
    );
    expect(notOpen.detail).toMatch(/2025 is not open/);
    expect((await inject('POST', '/v1/reporting-cycles/2026/close', f.as('editor'))).statusCode).toBe(403);
    const closed = await inject('POST', '/v1/reporting-cycles/2026/close', f.as('admin'));
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().data).toMatchObject({ year: 2026, status: 'closed', closedBy: 'test-admin' });
    const before = await graphState(f.driver);
    const refused = expectProblemAt(
      await inject('PUT', '/v1/activities/A1/progress/2026', f.as('editor'), report),
      409,
      'path.year',
    );
    expect(refused.detail).toMatch(/2026 was closed .* read-only/);
    expect(await graphState(f.driver)).toEqual(before);
    expectProblemAt(await inject('POST', '/v1/reporting-cycles', f.as('admin'), { year: 2026 }), 409, 'body.year');
  });

  it('lists the activity gaps: commitments without activity, past due, not reported for the open year', async () => {
    await inject(
      'POST',
      '/v1/activities',
      f.as('editor'),
      activity({ lead: 'UNDP', partners: [], start: '2020', due: '2021' }),
    );
    await inject('POST', '/v1/reporting-cycles', f.as('admin'), { year: 2027 });
    const gaps = (await inject('GET', '/v1/gaps')).json().data;
    const ids = (kind: string) => gaps[kind].map((g: { id: string }) => g.id);
    expect(ids('commitments-without-activity')).not.toContain('11a');
    expect(ids('commitments-without-activity')).toContain('11b');
    expect(ids('activities-past-due')).toEqual(['A3']);
    expect(ids('entities-not-reported')).toEqual(['ITU@2027', 'UNDP@2027', 'UNESCO@2027']);
    await inject('PUT', '/v1/activities/A2/progress/2027', f.as('editor'), { status: 'completed', narrative: 'Done.' });
    const after = (await inject('GET', '/v1/gaps?kind=entities-not-reported')).json().data;
    expect(after['entities-not-reported'].map((g: { id: string }) => g.id)).toEqual(['ITU@2027', 'UNDP@2027']);
  });

  it('lists what an activity links to in reading order, whatever order the request gave', async () => {
    const made = await inject(
      'POST',
      '/v1/activities',
      f.as('editor'),
      activity({
        lead: 'UNESCO',
        partners: ['UNDP', 'ITU', 'FAO'],
        actionLines: ['C11', 'C7.e-government', 'C3'],
        commitments: ['23a', '21d', '11a'],
        targets: ['9.c', '17.10', '16.6', '17.2', '9.2'],
      }),
    );
    expect(made.statusCode, made.body).toBe(201);
    const expected = {
      partners: ['FAO', 'ITU', 'UNDP'],
      actionLines: ['C3', 'C7.e-government', 'C11'],
      commitments: ['11a', '21d', '23a'],
      targets: ['9.2', '9.c', '16.6', '17.2', '17.10'],
    };
    const one = await inject('GET', `/v1/activities/${made.json().data.id}`);
    expect(one.json().data).toMatchObject(expected);
    const listed = (await inject('GET', '/v1/activities?lead=UNESCO')).json().data;
    expect(listed.find((a: { id: string }) => a.id === made.json().data.id)).toMatchObject(expected);

    // Only reordering them changes nothing: no revision, no change record.
    const state = await graphState(f.driver);
    const reordered = await inject('PATCH', `/v1/activities/${made.json().data.id}`, f.as('editor'), {
      partners: ['ITU', 'FAO', 'UNDP'],
      targets: ['17.10', '9.2', '16.6', '9.c', '17.2'],
    });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect(await graphState(f.driver)).toEqual(state);
  });

  it('lists activities as CSV and XLSX: every column, translated headers on request, an ETag per representation', async () => {
    const made = await inject(
      'POST',
      '/v1/activities',
      f.as('editor'),
      activity({
        title: '=HYPERLINK("x") workshops, phase 2',
        lead: 'UNCTAD',
        partners: ['UNDP', 'ITU'],
        actionLines: ['C3', 'C7.e-government'],
        targets: [],
        indicators: [
          { name: 'Agencies trained', unit: 'agencies', baseline: 0, target: 40 },
          { name: 'Guides', unit: 'guides', baseline: null, target: 2 },
        ],
      }),
    );
    expect(made.statusCode, made.body).toBe(201);
    const { id, createdAt } = made.json().data;
    const revision = (await graphState(f.driver)).revision;
    // The test source's document holds a comma: quoted in the CSV.
    expect(testSource.document).toContain(',');

    const csv = await inject('GET', '/v1/activities?lead=UNCTAD&format=csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="roadmap-activities-r${revision}.csv"`);
    const [header, row, ...rest] = csv.body.split('\r\n');
    expect(header).toBe(
      'id,title,description,status,lead,partners,actionLines,commitments,targets,start,due,indicators,' +
        'sourceDocument,sourceLocator,sourceUrl,createdAt,createdBy,updatedAt,updatedBy',
    );
    expect(row).toBe(
      `${id},"'=HYPERLINK(""x"") workshops, phase 2",,planned,UNCTAD,ITU; UNDP,C3; C7.e-government,11a,,2026,2027-Q2,` +
        'Agencies trained [agencies] 0 → 40; Guides [guides] ? → 2,' +
        `"${testSource.document}",${testSource.locator},${testSource.url},${createdAt},test-editor,,`,
    );
    expect(rest).toEqual(['']);

    // Headers in French on request; the same data.
    const french = await f.app.inject({
      url: '/v1/activities?lead=UNCTAD&format=csv&headers=labels',
      headers: { 'accept-language': 'fr' },
    });
    expect(french.headers['content-language']).toBe('fr');
    expect(french.body.split('\r\n')[0]!.split(',').slice(0, 6)).toEqual([
      'identifiant',
      'titre',
      'description',
      'statut',
      'entité chef de file',
      'entités partenaires',
    ]);
    expect(french.body.split('\r\n')[1]).toBe(row);

    // Accept: text/csv is the same CSV; JSON, CSV, French CSV and XLSX each have their own ETag of the same revision.
    const negotiated = await f.app.inject({ url: '/v1/activities?lead=UNCTAD', headers: { accept: 'text/csv' } });
    expect(negotiated.body).toBe(csv.body);
    const json = await inject('GET', '/v1/activities?lead=UNCTAD');
    const xlsx = await inject('GET', '/v1/activities?lead=UNCTAD&format=xlsx');
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    // The same URL in English: other headers, so another ETag (the language is not in the URL).
    const english = await inject('GET', '/v1/activities?lead=UNCTAD&format=csv&headers=labels');
    expect(english.body.split('\r\n')[0]!.split(',').slice(4, 6)).toEqual(['lead entity', 'partner entities']);
    const etags = [json, csv, french, english, negotiated, xlsx].map((r) => String(r.headers.etag));
    for (const etag of etags) expect(etag).toMatch(new RegExp(`^"r${revision}`));
    expect(new Set(etags).size).toBe(etags.length);
    const again = await f.app.inject({
      url: '/v1/activities?lead=UNCTAD&format=csv',
      headers: { 'if-none-match': String(csv.headers.etag) },
    });
    expect(again.statusCode).toBe(304);

    // The workbook read back: the same row, the URL a hyperlink, stamped with the revision's commit time.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Activities')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...header!.split(',').map((k) => columnLabels.en[k as 'id'])]);
    const cells = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(cells.slice(0, 12)).toEqual([
      id,
      '=HYPERLINK("x") workshops, phase 2',
      undefined, // empty cells: no description, no target

      'planned',
      'UNCTAD',
      'ITU; UNDP',
      'C3; C7.e-government',
      '11a',
      undefined,
      '2026',
      '2027-Q2',
      'Agencies trained [agencies] 0 → 40; Guides [guides] ? → 2',
    ]);
    expect(cells[14]).toEqual({ text: testSource.url, hyperlink: testSource.url });
    expect(sheet.rowCount).toBe(2);
    expect(workbook.getWorksheet('About')!.getCell('B2').value).toBe(String(revision));
    const again2 = await inject('GET', '/v1/activities?lead=UNCTAD&format=xlsx');
    expect(Buffer.compare(again2.rawPayload, xlsx.rawPayload)).toBe(0);

    // A page of the export, and a bad format or headers value is 400 naming the field.
    // Without limit every activity; with limit and offset the same page as JSON.
    const jsonPage = (await inject('GET', '/v1/activities?limit=1&offset=0')).json();
    const every = await inject('GET', '/v1/activities?format=csv');
    expect(every.body.split('\r\n')).toHaveLength(jsonPage.meta.total + 2);
    const page = await inject('GET', '/v1/activities?format=csv&limit=1&offset=0');
    expect(page.body.split('\r\n')).toHaveLength(3);
    expect(page.body.split('\r\n')[1]!.split(',')[0]).toBe(jsonPage.data[0].id);
    expectProblemAt(await inject('GET', '/v1/activities?format=pdf'), 400, 'query.format');
    expectProblemAt(await inject('GET', '/v1/activities?format=csv&headers=words'), 400, 'query.headers');
  });
});
