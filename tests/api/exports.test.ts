import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { runMigrations } from '../../src/db/migrate.js';
import { loadSeed } from '../../src/seed/load.js';
import { buildTestApp, expectProblem } from '../helpers/app.js';
import { openTestDriver, resetDatabase } from '../helpers/neo4j.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const csvRecords = (body: string) => parse(body, { columns: true, skip_empty_lines: true }) as Record<string, string>[];

/** Every export read back with a standard parser (csv-parse, exceljs), compared with the JSON of the same query. */
describe('exports that spreadsheet users can trust', () => {
  let driver: Driver;
  let app: FastifyInstance;
  beforeAll(async () => {
    driver = openTestDriver();
    await resetDatabase(driver);
    await runMigrations(driver);
    await loadSeed(driver);
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
    await driver.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  describe('matrix workbook', () => {
    let bytes: Buffer;
    let json: {
      data: {
        rows: { id: string }[];
        columns: { id: string }[];
        cells: { row: string; column: string; links: { status: string }[] }[];
      };
      meta: { revision: number };
    };
    let workbook: ExcelJS.Workbook;
    beforeAll(async () => {
      const response = await get('/v1/matrix?format=xlsx');
      expect(response.headers['content-type']).toBe(XLSX);
      bytes = response.rawPayload;
      json = (await get('/v1/matrix')).json();
      workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    });

    it('is the same bytes for the same revision and query', async () => {
      await new Promise((resolve) => setTimeout(resolve, 2100)); // zip times have 2-second resolution
      const again = (await get('/v1/matrix?format=xlsx')).rawPayload;
      expect(again.equals(bytes)).toBe(true);
      const other = (await get('/v1/matrix?format=xlsx&status=endorsed')).rawPayload;
      expect(other.equals(bytes)).toBe(false);
    });

    it('has blank empty cells (no empty strings) and one filled cell per matrix cell, coloured by status', () => {
      const sheet = workbook.getWorksheet('Matrix')!;
      let emptyStrings = 0;
      let filled = 0;
      const byKey = new Map(json.data.cells.map((c) => [`${c.row}|${c.column}`, c]));
      sheet.eachRow({ includeEmpty: true }, (row, r) => {
        for (let c = 1; c <= json.data.columns.length + 2; c += 1) {
          const cell = row.getCell(c);
          if (cell.value === '') emptyStrings += 1;
          if (r <= 2 || c <= 2) continue;
          const expected = byKey.get(`${row.getCell(1).value}|${sheet.getRow(1).getCell(c).value}`);
          if (expected) {
            filled += 1;
            const fill = cell.fill as ExcelJS.FillPattern | undefined;
            const strongest = expected.links.some((l) => l.status === 'endorsed') ? 'FF63BE7B' : 'FFFFEB84';
            expect(fill?.fgColor?.argb, `${row.getCell(1).value} × ${sheet.getRow(1).getCell(c).value}`).toBe(
              strongest,
            );
          } else {
            expect(cell.value).toBeNull();
            expect(cell.fill).toBeUndefined();
          }
        }
      });
      expect(emptyStrings).toBe(0);
      expect(filled).toBe(json.data.cells.length);
      expect(sheet.rowCount).toBe(json.data.rows.length + 2);
    });

    it('prints landscape, one page wide, header rows and id columns repeated', async () => {
      const setup = workbook.getWorksheet('Matrix')!.pageSetup;
      expect(setup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      // Fit-to-width only acts when the sheet says fitToPage (sheetPr/pageSetUpPr), and titles need the defined name.
      const zip = await JSZip.loadAsync(bytes);
      const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
      expect(sheetXml).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
      expect(sheetXml).toMatch(/<pageSetup[^>]*orientation="landscape"[^>]*fitToWidth="1"[^>]*fitToHeight="0"/);
      const book = await zip.file('xl/workbook.xml')!.async('string');
      expect(book.replaceAll('&apos;', "'")).toContain(
        `<definedName name="_xlnm.Print_Titles" localSheetId="0">'Matrix'!$A:$B,'Matrix'!$1:$2</definedName>`,
      );
    });

    it('About names the revision, its commit time as the export time, a legend and the sources', async () => {
      const rows = new Map<string, string[]>();
      workbook.getWorksheet('About')!.eachRow((row) => {
        const [item, value] = [String(row.getCell(1).value), String(row.getCell(2).value)];
        rows.set(item, [...(rows.get(item) ?? []), value]);
      });
      expect(rows.get('graph revision')).toEqual([String(json.meta.revision)]);
      const { records } = await driver.executeQuery('MATCH (c:Change {revision: $r}) RETURN max(c.at) AS at', {
        r: json.meta.revision,
      });
      const committedAt = String(records[0]!.get('at'));
      expect(rows.get('exported at')![0]).toContain(committedAt);
      // The workbook's own dates are the commit time too (to the second, as the file format keeps them).
      expect(workbook.modified?.toISOString()).toBe(
        new Date(Math.floor(Date.parse(committedAt) / 1000) * 1000).toISOString(),
      );
      for (const status of ['endorsed', 'proposed', 'derived', 'retired'])
        expect(rows.has(`colour: ${status}`)).toBe(true);
      const documents = new Set(
        (workbook.getWorksheet('Links')!.getSheetValues() as unknown[][]).slice(2).map((row) => String(row[11])),
      );
      expect(rows.get('source')!.length).toBe(documents.size);
      for (const line of rows.get('source')!) expect([...documents].some((d) => line.startsWith(d))).toBe(true);
    });
  });

  it('tidy matrix CSV: one line per link, the same set as /v1/links for the same filters', async () => {
    const response = await get('/v1/matrix?rows=entities&cols=action-lines&format=csv&layout=tidy');
    expect(response.statusCode).toBe(200);
    const tidy = csvRecords(response.body);
    expect(Object.keys(tidy[0]!)).toEqual([
      'rowId',
      'rowLabel',
      'columnId',
      'columnLabel',
      'linkType',
      'status',
      'role',
      'derived',
      'via',
      'roles',
      'sourceDocument',
      'sourceLocator',
      'sourceUrl',
    ]);
    const links = csvRecords((await get('/v1/links?type=FACILITATES&format=csv')).body).filter(
      (l) => l.status !== 'retired',
    );
    const key = (from: string, to: string, role: string, status: string) => `${from}→${to} ${role} ${status}`;
    expect(tidy.map((t) => key(t.rowId!, t.columnId!, t.role!, t.status!)).sort()).toEqual(
      links.map((l) => key(l.from!, l.to!, l.role!, l.status!)).sort(),
    );
    expect(new Set(tidy.map((t) => t.linkType))).toEqual(new Set(['FACILITATES']));
    expect(tidy.every((t) => t.rowLabel && t.columnLabel && t.sourceDocument)).toBe(true);
    // The pivot is still the default, and tidy is a CSV layout only.
    expect(response.headers['content-disposition']).toMatch(/-tidy\.csv"$/);
    const pivot = parse((await get('/v1/matrix?rows=entities&cols=action-lines&format=csv')).body) as string[][];
    expect(pivot[0]![0]).toBe('row');
    const wrong = await get('/v1/matrix?layout=tidy');
    expect(wrong.statusCode).toBe(400);
    expect(expectProblem(wrong).errors?.[0]?.path).toBe('query.layout');
  });

  it('links CSV has labels and honours limit and offset; without them it is every link', async () => {
    const page = (await get('/v1/links?limit=5&offset=3')).json();
    const csv = csvRecords((await get('/v1/links?format=csv&limit=5&offset=3')).body);
    expect(csv.map((l) => `${l.type} ${l.from} ${l.to}`)).toEqual(
      page.data.map((l: { type: string; from: string; to: string }) => `${l.type} ${l.from} ${l.to}`),
    );
    expect(csv.map((l) => [l.fromLabel, l.toLabel])).toEqual(
      page.data.map((l: { fromLabel: string; toLabel: string }) => [l.fromLabel, l.toLabel]),
    );
    expect(csv.every((l) => l.fromLabel && l.toLabel)).toBe(true);
    const all = csvRecords((await get('/v1/links?format=csv')).body);
    expect(all.length).toBe(page.meta.total);
  });

  it('coverage as CSV: one line per figure, agreeing with the JSON', async () => {
    const json = (await get('/v1/coverage')).json();
    const response = await get('/v1/coverage?format=csv');
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csvRecords(response.body);
    expect(rows.length).toBe(json.data.objectives.length * 2 + json.data.sdgs.length + 4);
    const total = rows.find((r) => r.scope === 'total' && r.measure === 'targets-supported')!;
    expect(Number(total.covered)).toBe(json.data.totals.supportedTargets);
    expect(Number(total.total)).toBe(json.data.totals.targets);
    expect(Number(total.share)).toBeCloseTo(json.data.totals.shareTargetsSupported, 12);
    const first = json.data.objectives[0];
    const line = rows.find(
      (r) => r.scope === 'objective' && r.id === String(first.id) && r.measure === 'commitments-with-action-line',
    )!;
    expect(Number(line.covered)).toBe(first.withActionLine);
    expect(line.label).toBe(first.label);
  });
});
