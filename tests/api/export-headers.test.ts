import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnKeys, columnLabels } from '../../src/lib/i18n/column-labels/index.js';
import { languages } from '../../src/lib/i18n/languages.js';
import { expectProblem } from '../helpers/app.js';
import { seededApp } from '../helpers/reference.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const utf8 = (bytes: Buffer) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
/** The header line of a CSV body (no cell of these headers holds a comma or a quote). */
const headerLine = (body: string) => body.split('\r\n')[0]!;

/**
 * Every CSV export, with the header it has always had in English (the keys programs read): written
 * out here, not taken from the code, so a changed default shows.
 */
const csvExports = [
  { name: 'gaps', url: '/v1/gaps?kind=sdg-targets-without-support&format=csv', keys: 'kind,id,label,reason' },
  { name: 'coverage', url: '/v1/coverage?format=csv', keys: 'scope,id,label,measure,covered,total,share' },
  {
    name: 'coverage history',
    url: '/v1/coverage/history?format=csv&from=2020-01-01&to=2020-01-03',
    keys:
      'from,to,revision,changes,commitments,withActionLine,withResponsibleEntity,shareWithActionLine,' +
      'shareWithResponsibleEntity,targets,supportedTargets,shareTargetsSupported,actionLines,actionLinesWithLead,' +
      'shareActionLinesWithLead',
  },
  {
    name: 'links',
    url: '/v1/links?format=csv&limit=5',
    keys:
      'type,from,fromKind,fromLabel,to,toKind,toLabel,role,status,sourceDocument,sourceLocator,sourceUrl,' +
      'rationale,createdAt,createdBy',
  },
  {
    name: 'matrix (tidy)',
    url: '/v1/matrix?rows=action-lines&cols=sdgs&format=csv&layout=tidy',
    keys: 'rowId,rowLabel,columnId,columnLabel,linkType,status,role,derived,via,roles,sourceDocument,sourceLocator,sourceUrl',
  },
];

describe('CSV and XLSX column headers in the six UN languages', () => {
  let app: FastifyInstance;
  let driver: Driver;
  beforeAll(async () => {
    ({ app, driver } = await seededApp());
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await driver?.close();
  });

  it('every language has a label for every column key, and no two columns of an export share one', () => {
    for (const language of languages) {
      const table = columnLabels[language];
      for (const key of columnKeys) expect(table[key]?.trim(), `${language}.${key}`).toBeTruthy();
      for (const { keys } of csvExports) {
        const labels = keys.split(',').map((k) => table[k as keyof typeof table]);
        expect(new Set(labels).size, `${language}: ${keys}`).toBe(labels.length);
      }
    }
  });

  it.each(csvExports)(
    '$name: English keeps the keys; French writes French labels; headers=keys pins the keys',
    async ({ url, keys }) => {
      const english = await app.inject({ url });
      expect(english.statusCode).toBe(200);
      expect(headerLine(english.body)).toBe(keys);
      expect(english.headers['content-language']).toBe('en');

      const french = await app.inject({ url, headers: { 'accept-language': 'fr-CH, fr;q=0.9' } });
      expect(french.statusCode).toBe(200);
      expect(french.headers['content-language']).toBe('fr');
      expect(french.headers.vary).toMatch(/Accept-Language/);
      expect(headerLine(french.body).split(',')).toEqual(
        keys.split(',').map((k) => columnLabels.fr[k as keyof typeof columnLabels.fr]),
      );

      const pinned = await app.inject({ url: `${url}&headers=keys`, headers: { 'accept-language': 'fr' } });
      expect(headerLine(pinned.body)).toBe(keys);

      // A French CSV and an English CSV never share an ETag, nor do keys and labels in one language;
      // the French ETag does not revalidate the English file, and does revalidate the French one.
      const etags = [english, french, pinned].map((r) => r.headers.etag);
      expect(new Set(etags).size).toBe(3);
      const crossed = await app.inject({ url, headers: { 'if-none-match': french.headers.etag as string } });
      expect(crossed.statusCode).toBe(200);
      const same = await app.inject({
        url,
        headers: { 'accept-language': 'fr', 'if-none-match': french.headers.etag as string },
      });
      expect(same.statusCode).toBe(304);
    },
  );

  it('the gap CSV header in each language, written out', async () => {
    const expected: Record<string, string> = {
      en: 'kind,id,label,reason',
      fr: 'catégorie,identifiant,libellé,motif',
      es: 'clase,id,etiqueta,motivo',
      ru: 'вид,код,название,причина',
      zh: '类别,编号,名称,原因',
      ar: 'الفئة,الرمز,التسمية,السبب',
    };
    for (const [lang, header] of Object.entries(expected)) {
      const response = await app.inject({
        url: `/v1/gaps?kind=sdg-targets-without-support&format=csv&headers=labels&lang=${lang}`,
      });
      expect(headerLine(response.body), lang).toBe(header);
    }
  });

  it('English labels on request; a language we do not have falls back to English keys', async () => {
    const labels = await app.inject({ url: '/v1/coverage?format=csv&headers=labels' });
    expect(headerLine(labels.body)).toBe('scope,id,label,measure,covered,total,share');
    const tidy = await app.inject({ url: '/v1/matrix?format=csv&layout=tidy&headers=labels' });
    expect(headerLine(tidy.body)).toMatch(/^row id,row label,column id,column label,link type,/);
    const klingon = await app.inject({ url: '/v1/gaps?format=csv&lang=tlh' });
    expect(klingon.headers['content-language']).toBe('en');
    expect(headerLine(klingon.body)).toBe('kind,id,label,reason');
  });

  it('a bad headers value is 400 naming the field', async () => {
    const response = await app.inject({ url: '/v1/links?format=csv&headers=words' });
    expect(response.statusCode).toBe(400);
    expect(expectProblem(response).errors?.map((e) => e.path)).toContain('query.headers');
  });

  it('the links JSON stays English; its CSV says Content-Language only when its headers are translated', async () => {
    const json = await app.inject({ url: '/v1/links?limit=1', headers: { 'accept-language': 'ru' } });
    expect(json.headers['content-language']).toBe('en');
    const keys = await app.inject({ url: '/v1/links?format=csv&limit=1&headers=keys&lang=ru' });
    expect(keys.headers['content-language']).toBe('en');
    const labels = await app.inject({ url: '/v1/links?format=csv&limit=1&lang=ru' });
    expect(labels.headers['content-language']).toBe('ru');
    expect(headerLine(labels.body).split(',')[0]).toBe('тип');
  });

  it('the pivot matrix CSV translates its first header only: column ids are data', async () => {
    const en = await app.inject({ url: '/v1/matrix?rows=action-lines&cols=sdgs&format=csv' });
    const es = await app.inject({ url: '/v1/matrix?rows=action-lines&cols=sdgs&format=csv&lang=es' });
    expect(headerLine(en.body)).toBe(`row,${Array.from({ length: 17 }, (_, i) => i + 1).join(',')}`);
    expect(headerLine(es.body)).toBe(`fila,${Array.from({ length: 17 }, (_, i) => i + 1).join(',')}`);
    expect(en.headers.etag).not.toBe(es.headers.etag);
  });

  it('Arabic CSV: valid UTF-8 with Arabic headers, a byte order mark on request, its own ETag', async () => {
    for (const { url } of csvExports) {
      const plain = await app.inject({ url: `${url}&lang=ar` });
      const withBom = await app.inject({ url: `${url}&lang=ar&bom=true` });
      expect(plain.rawPayload.subarray(0, 3).equals(BOM), url).toBe(false);
      expect(withBom.rawPayload.subarray(0, 3).equals(BOM), url).toBe(true);
      const text = utf8(plain.rawPayload);
      expect(utf8(withBom.rawPayload.subarray(3))).toBe(text);
      expect(headerLine(text), url).toMatch(/^[\u0600-\u06ff]/);
      expect(withBom.headers.etag).not.toBe(plain.headers.etag);
    }
  });

  it('XLSX: English headers as before; Arabic headers right to left; each language its own ETag', async () => {
    const url = '/v1/matrix?rows=action-lines&cols=sdgs&format=xlsx';
    const load = async (headers: Record<string, string>, query = '') => {
      const response = await app.inject({ url: `${url}${query}`, headers });
      expect(response.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      return { response, workbook };
    };
    const rowValues = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

    const en = await load({});
    expect(rowValues(en.workbook.getWorksheet('Links')!, 1)).toEqual([
      'Action line',
      'Action line label',
      'SDG',
      'SDG label',
      'type',
      'role',
      'status',
      'derived',
      'via',
      'entities',
      'source document',
      'source locator',
      'source URL',
    ]);
    expect(en.workbook.getWorksheet('Matrix')!.getRow(1).getCell(1).value).toBe('Action line \\ SDG');

    const ar = await load({ 'accept-language': 'ar' });
    expect(ar.response.headers['content-language']).toBe('ar');
    const links = ar.workbook.getWorksheet('Links')!;
    expect(links.views[0]?.rightToLeft).toBe(true);
    expect(rowValues(links, 1).slice(0, 4)).toEqual([
      'خط العمل',
      'تسمية خط العمل',
      'هدف التنمية المستدامة',
      'تسمية هدف التنمية المستدامة',
    ]);
    expect(rowValues(ar.workbook.getWorksheet('About')!, 1)).toEqual(['البند', 'القيمة']);

    const keys = await load({ 'accept-language': 'ar' }, '&headers=keys');
    expect(rowValues(keys.workbook.getWorksheet('Links')!, 1).slice(0, 5)).toEqual([
      'rowId',
      'rowLabel',
      'columnId',
      'columnLabel',
      'type',
    ]);
    expect(new Set([en, ar, keys].map((x) => x.response.headers.etag)).size).toBe(3);
  });
});
