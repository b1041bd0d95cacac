import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import { getJson, ref, refGoals, refIndicators, seededApp } from '../helpers/reference.js';

/** The published translations (open-sdg/sdg-translations), composed to NFC as the API serves text. */
const translations: {
  goals: Record<string, Record<string, { short: string; title: string }>>;
  targets: Record<string, Record<string, string>>;
  indicators: Record<string, Record<string, string>>;
} = ref('sdg-translations.json');
const src = (lang: string) => (lang === 'zh' ? 'zh-Hans' : lang);
const goal = (n: number, lang: string) => {
  if (lang === 'en') {
    const g = refGoals.find((x) => x.goal === n)!;
    return { title: g.title, short: g.short };
  }
  const t = translations.goals[n]![src(lang)]!;
  return { title: t.title.normalize('NFC'), short: t.short.normalize('NFC') };
};
const target = (id: string, lang: string) =>
  lang === 'en'
    ? refGoals.flatMap((g) => g.targets).find((t) => t.id === id)!.title
    : translations.targets[id]![src(lang)]!.normalize('NFC');
const indicator = (id: string, lang: string) =>
  lang === 'en'
    ? refIndicators.find((i) => i.id === id)!.title
    : translations.indicators[id]![src(lang)]!.normalize('NFC');

describe('SDG labels in the six UN languages', () => {
  let app: FastifyInstance;
  let driver: Driver;
  beforeAll(async () => {
    ({ app, driver } = await seededApp());
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await driver?.close();
  });

  it('GET /v1/sdgs/5 with Accept-Language: zh answers in Chinese with Content-Language: zh', async () => {
    const response = await app.inject({ url: '/v1/sdgs/5', headers: { 'accept-language': 'zh' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-language']).toBe('zh');
    expect(response.headers.vary).toMatch(/Accept-Language/);
    const { data } = response.json();
    expect(data).toMatchObject({ id: 5, title: goal(5, 'zh').title, shortTitle: goal(5, 'zh').short });
    expect(data.targets.map((t: { title: string }) => t.title)).toEqual(
      data.targets.map((t: { id: string }) => target(t.id, 'zh')),
    );
  });

  it.each(['ar', 'zh', 'en', 'fr', 'ru', 'es'])(
    'GET /v1/sdgs?lang=%s lists the 17 goals in that language',
    async (lang) => {
      const response = await app.inject({ url: `/v1/sdgs?lang=${lang}` });
      expect(response.headers['content-language']).toBe(lang);
      const { data } = response.json();
      expect(data.map((g: { shortTitle: string }) => g.shortTitle)).toEqual(
        refGoals.map((g) => goal(g.goal, lang).short),
      );
      expect(data.map((g: { title: string }) => g.title)).toEqual(refGoals.map((g) => goal(g.goal, lang).title));
    },
  );

  it('targets and indicators: ?lang= wins over Accept-Language', async () => {
    const response = await app.inject({ url: '/v1/sdg-targets/5.b?lang=ru', headers: { 'accept-language': 'fr' } });
    expect(response.headers['content-language']).toBe('ru');
    const { data } = response.json();
    expect(data.title).toBe(target('5.b', 'ru'));
    expect(data.indicators.map((i: { title: string }) => i.title)).toEqual(
      data.indicators.map((i: { id: string }) => indicator(i.id, 'ru')),
    );
    const list = await getJson(app, '/v1/sdg-targets?goal=5', { 'accept-language': 'es-MX,es;q=0.9' });
    expect(list.data.map((t: { title: string }) => t.title)).toEqual(
      list.data.map((t: { id: string }) => target(t.id, 'es')),
    );
    const one = await app.inject({ url: '/v1/sdg-indicators/5.b.1', headers: { 'accept-language': 'ar' } });
    expect(one.json().data.title).toBe(indicator('5.b.1', 'ar'));
  });

  it('a language we do not have falls back to English, and says so', async () => {
    for (const headers of [{ 'accept-language': 'de-DE, ja;q=0.5' }, {}]) {
      const response = await app.inject({ url: '/v1/sdgs/5', headers });
      expect(response.headers['content-language']).toBe('en');
      expect(response.json().data.title).toBe(goal(5, 'en').title);
    }
    const unknown = await app.inject({ url: '/v1/sdgs/5?lang=tlh' });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.headers['content-language']).toBe('en');
    const tooLong = await app.inject({ url: `/v1/sdgs/5?lang=${'x'.repeat(36)}` });
    expect(tooLong.statusCode).toBe(400);
    expect(expectProblem(tooLong).errors?.[0]?.path).toBe('query.lang');
  });

  it('action lines stay English in every language, and say so', async () => {
    const response = await app.inject({ url: '/v1/action-lines/C5?lang=fr' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-language']).toBe('en');
  });

  it('the ETag of an item differs per language; each language revalidates to 304', async () => {
    const zh = await app.inject({ url: '/v1/sdgs/5', headers: { 'accept-language': 'zh' } });
    const en = await app.inject({ url: '/v1/sdgs/5' });
    expect(zh.headers.etag).not.toBe(en.headers.etag);
    const again = await app.inject({
      url: '/v1/sdgs/5',
      headers: { 'accept-language': 'zh', 'if-none-match': zh.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    const other = await app.inject({ url: '/v1/sdgs/5', headers: { 'if-none-match': zh.headers.etag as string } });
    expect(other.statusCode).toBe(200);
  });

  it('matrix labels follow the language; Arabic XLSX sheets read right to left', async () => {
    const json = await getJson(app, '/v1/matrix?rows=action-lines&cols=sdgs&lang=ar');
    expect(json.data.columns.map((c: { label: string }) => c.label)).toEqual(
      refGoals.map((g) => goal(g.goal, 'ar').short),
    );
    const response = await app.inject({ url: '/v1/matrix?rows=action-lines&cols=sdgs&format=xlsx&lang=ar' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-language']).toBe('ar');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const matrix = workbook.getWorksheet('Matrix')!;
    expect(matrix.views[0]?.rightToLeft).toBe(true);
    expect(workbook.worksheets.every((s) => s.views[0]?.rightToLeft === true)).toBe(true);
    expect(matrix.getRow(2).getCell(3).value).toBe(goal(1, 'ar').short);
    const english = await app.inject({ url: '/v1/matrix?rows=action-lines&cols=sdgs&format=xlsx' });
    const en = new ExcelJS.Workbook();
    await en.xlsx.load(english.rawPayload as unknown as ArrayBuffer);
    expect(en.getWorksheet('Matrix')!.views[0]?.rightToLeft).toBe(false);
  });

  it('Arabic CSV is valid UTF-8, with a byte order mark for Excel on request', async () => {
    const plain = await app.inject({ url: '/v1/gaps?kind=sdg-targets-without-support&format=csv&lang=ar' });
    expect(plain.statusCode).toBe(200);
    const bytes = plain.rawPayload;
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    // Decoding with fatal: true throws on any invalid UTF-8 sequence.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const firstId = text.split('\r\n')[1]!.split(',')[1]!;
    expect(text).toContain(target(firstId, 'ar'));
    const withBom = await app.inject({ url: '/v1/gaps?kind=sdg-targets-without-support&format=csv&lang=ar&bom=true' });
    expect(withBom.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(withBom.rawPayload.subarray(3))).toBe(text);
    for (const url of ['/v1/links?format=csv&bom=true', '/v1/matrix?format=csv&bom=true&lang=ar']) {
      const r = await app.inject({ url });
      expect(r.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    }
  });

  it('search in each language finds the goal by its translated short title', async () => {
    for (const lang of ['ar', 'zh', 'fr', 'ru', 'es']) {
      const body = await getJson(app, `/v1/search?q=${encodeURIComponent(goal(4, lang).short)}&kind=sdg&lang=${lang}`);
      expect(body.data[0]).toMatchObject({ id: '4', title: goal(4, lang).short, matchedLanguage: lang });
    }
  });
});
