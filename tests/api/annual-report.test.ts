import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import { type EditingFixture, editingFixture, testSource } from '../helpers/editing.js';

/**
 * The annual report: a year with two activities (one reported, one not), an endorsed version and
 * edits after it. The test knows the figures from what it did; every format must carry them.
 */

/** The figures this test's own writes produce (see beforeAll). */
const EXPECTED: Record<string, number> = {
  activities: 2,
  'status-planned': 1,
  'status-in-progress': 1,
  'status-completed': 0,
  'status-delayed': 0,
  'status-cancelled': 0,
  reported: 1,
  indicators: 3,
  'indicators-reported': 2,
  'indicators-met': 1,
  // After v1: the C9–OHCHR facilitator link and A1's status (set by its progress report).
  changes: 2,
};

const NARRATIVE = 'Two of four workshops held (Addis Ababa, Bangkok).';

/** Text of each cell of each row of every table in a Word document's body. */
async function docxTables(bytes: Buffer): Promise<string[][][]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = (fragment: string) =>
    [...fragment.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1]!)
      .join('')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'");
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => text(c[1]!)),
    ),
  );
}

/** Rows of an HTML table by id (cell texts, entities decoded). */
function htmlTable(html: string, id: string): string[][] {
  const table = new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(html)![1]!;
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<t[hd]>([\s\S]*?)<\/t[hd]>/g)].map((c) => decode(c[1]!)),
  );
}

describe('GET /v1/reports/annual/{year}', () => {
  let f: EditingFixture;
  let json: {
    summary: { key: string; label: string; value: number }[];
    activities: { id: string; progress: { narrative: string } | null }[];
    [k: string]: unknown;
  };

  const send = async (method: 'PUT' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) => {
    const response = await f.app.inject({ method, url, headers: f.as('admin'), ...(payload ? { payload } : {}) });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response;
  };

  beforeAll(async () => {
    f = await editingFixture();
    await send('POST', '/v1/reporting-cycles', { year: 2026 });
    await send('POST', '/v1/activities', {
      title: 'Regional workshops on e-government',
      lead: 'ITU',
      partners: ['UNDP'],
      actionLines: ['C3'],
      commitments: ['11a'],
      start: '2026',
      due: '2027-Q2',
      indicators: [
        { name: 'Agencies trained', unit: 'agencies', baseline: 0, target: 40 },
        { name: 'Workshops held', unit: 'workshops', baseline: 0, target: 2 },
      ],
      source: testSource,
    });
    await send('POST', '/v1/activities', {
      title: 'Media literacy curriculum',
      lead: 'UNESCO',
      actionLines: ['C9'],
      start: '2026-Q2',
      due: '2026-Q4',
      indicators: [{ name: 'Countries adopting', unit: 'countries', baseline: null, target: 10 }],
      source: testSource,
    });
    await send('POST', '/v1/versions', { name: 'CSTD-29 endorsed' });
    await send('POST', '/v1/versions/v1/endorsement', {
      body: 'CSTD, 29th session',
      date: '2026-04-20',
      documentRef: 'E/CN.16/2026/L.1',
    });
    await send('PUT', '/v1/action-lines/C9/facilitators/OHCHR', { role: 'co', source: testSource });
    await send('PUT', '/v1/activities/A1/progress/2026', {
      status: 'in-progress',
      narrative: NARRATIVE,
      actuals: [
        { indicator: 'Agencies trained', value: 18 },
        { indicator: 'Workshops held', value: 2 },
      ],
    });
    await send('POST', '/v1/reporting-cycles/2026/close');
    const response = await f.app.inject({ method: 'GET', url: '/v1/reports/annual/2026' });
    expect(response.statusCode, response.body).toBe(200);
    json = response.json().data;
  });
  afterAll(async () => f?.close());

  const figures = () => Object.fromEntries(json.summary.map((s) => [s.key, s.value]));

  it('JSON: the figures of what was done, the narrative, the changes since the endorsed version', async () => {
    const { gaps: _gaps, ...known } = figures();
    expect(known).toEqual(EXPECTED);
    const gaps = (await f.app.inject({ method: 'GET', url: '/v1/gaps' })).json().data;
    const open = Object.entries(gaps)
      .filter(([kind]) => kind !== 'entity-workload')
      .reduce((n, [, items]) => n + (items as unknown[]).length, 0);
    expect(figures().gaps).toBe(open);
    expect(json.activities.map((a) => [a.id, a.progress?.narrative ?? null])).toEqual([
      ['A1', NARRATIVE],
      ['A2', null],
    ]);
    const c3 = (json.actionLines as { id: string; activities: string[] }[]).find((l) => l.id === 'C3')!;
    expect(c3.activities).toEqual(['A1']);
    expect((json.changes as { since: { id: string } }).since.id).toBe('v1');
  });

  it('HTML, DOCX and XLSX carry the same figures and the same indicator table', async () => {
    const labelled = json.summary.map((s) => [s.label, String(s.value)]);
    const indicators = [
      ['A1', 'Agencies trained', 'agencies', '0', '40', '18', 'no'],
      ['A1', 'Workshops held', 'workshops', '0', '2', '2', 'yes'],
      ['A2', 'Countries adopting', 'countries', '—', '10', '—', ''],
    ];

    const html = await f.app.inject({
      method: 'GET',
      url: '/v1/reports/annual/2026',
      headers: { accept: 'text/html' },
    });
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(htmlTable(html.body, 'summary').slice(1)).toEqual(labelled);
    expect(htmlTable(html.body, 'indicators').slice(1)).toEqual(indicators);
    expect(html.body).toContain(NARRATIVE);

    const docx = await f.app.inject({ method: 'GET', url: '/v1/reports/annual/2026?format=docx' });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const tables = await docxTables(docx.rawPayload);
    expect(tables[0]!.slice(1)).toEqual(labelled);
    expect(tables[1]!.slice(1)).toEqual(indicators);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    expect(await zip.file('word/document.xml')!.async('string')).toContain('Two of four workshops held');

    const xlsx = await f.app.inject({ method: 'GET', url: '/v1/reports/annual/2026?format=xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = (name: string, width: number) => {
      const out: string[][] = [];
      workbook.getWorksheet(name)!.eachRow((row, n) => {
        if (n === 1) return;
        const cells = (row.values as unknown[]).slice(1);
        out.push(
          Array.from({ length: width }, (_, i) =>
            cells[i] === undefined || cells[i] === null ? '—' : String(cells[i]),
          ),
        );
      });
      return out;
    };
    expect(rows('Summary', 2)).toEqual(labelled);
    expect(rows('Indicators', 7).map((r) => r.map((c, i) => (i === 6 && c === '—' ? '' : c)))).toEqual(indicators);
  });

  it('the closed year refuses changes with a problem naming the year', async () => {
    const response = await f.app.inject({
      method: 'PUT',
      url: '/v1/activities/A2/progress/2026',
      headers: f.as('editor'),
      payload: { status: 'completed', narrative: 'late' },
    });
    expect(response.statusCode).toBe(409);
    const problem = expectProblem(response);
    expect(problem.detail).toMatch(/2026 was closed/);
    expect(problem.errors).toEqual([{ path: 'path.year', message: 'reporting cycle 2026 is closed' }]);
  });

  it('a year without activities is an empty report, not an error; a bad year is 400', async () => {
    const empty = await f.app.inject({ method: 'GET', url: '/v1/reports/annual/2030' });
    expect(empty.statusCode).toBe(200);
    expect(empty.json().data.activities).toEqual([]);
    expect(empty.json().data.cycle).toBeNull();
    const bad = await f.app.inject({ method: 'GET', url: '/v1/reports/annual/1999' });
    expect(bad.statusCode).toBe(400);
  });
});
