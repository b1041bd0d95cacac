import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import { allRefLines, expectNotModifiedRound, getJson, ref, seededApp } from '../helpers/reference.js';

/** The translations as published (open-sdg/sdg-translations), composed to NFC as any client types them. */
const translations: {
  goals: Record<string, Record<string, { short: string; title: string }>>;
  targets: Record<string, Record<string, string>>;
} = ref('sdg-translations.json');
const sourceLanguage = (lang: string) => (lang === 'zh' ? 'zh-Hans' : lang);
const goalShort = (goal: number, lang: string) =>
  translations.goals[goal]![sourceLanguage(lang)]!.short.normalize('NFC');

interface Hit {
  kind: string;
  id: string;
  title: string;
  url: string;
  score: number;
  matchedField: string;
  matchedLanguage: string;
  snippet: string;
}
interface SearchBody {
  data: Hit[];
  meta: { total: number; limit: number; offset: number; language: string; query: string; suggestions: string[] };
}

describe('GET /v1/search', () => {
  let app: FastifyInstance;
  let driver: Driver;
  beforeAll(async () => {
    ({ app, driver } = await seededApp());
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await driver?.close();
  });

  const search = (query: string, headers: Record<string, string> = {}) =>
    getJson<SearchBody>(app, `/v1/search?${query}`, headers);

  it('santé in French finds SDG 3 first, in French, with the word highlighted', async () => {
    const response = await app.inject({ url: `/v1/search?q=${encodeURIComponent('santé')}&lang=fr` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-language']).toBe('fr');
    const body = response.json() as SearchBody;
    expect(body.data[0]).toMatchObject({
      kind: 'sdg',
      id: '3',
      title: goalShort(3, 'fr'),
      url: '/v1/sdgs/3',
      matchedLanguage: 'fr',
    });
    expect(body.data[0]!.snippet).toContain('<mark>santé</mark>');
  });

  it.each(['ar', 'zh', 'en', 'fr', 'ru', 'es'])('the short title of SDG 3 in %s finds SDG 3 first', async (lang) => {
    const short = lang === 'en' ? ref('sdg.json').goals[2].short : goalShort(3, lang);
    const body = await search(`q=${encodeURIComponent(short)}&kind=sdg`, { 'accept-language': lang });
    expect(body.meta.language).toBe(lang);
    expect(body.data[0]).toMatchObject({ kind: 'sdg', id: '3', title: short });
  });

  it('typos and word forms: "ethicl", "ethics" and "ethical" find the ethics action line', async () => {
    const ethics = allRefLines.find((l) => /ethic/i.test(l.title))!;
    for (const q of ['ethicl', 'ethics', 'ethical']) {
      const body = await search(`q=${q}&kind=action-line`);
      expect(body.data[0]?.id).toBe(ethics.id);
      expect(body.data[0]?.matchedField).toBe('title');
    }
    const infrastructure = allRefLines.find((l) => /infrastructure/i.test(l.title))!;
    expect((await search('q=infrastructre&kind=action-line')).data[0]?.id).toBe(infrastructure.id);
  });

  it('a compound the index does not know is split: cybersecurity finds the security action line first', async () => {
    const security = allRefLines.filter((l) => /\bsecurity\b/i.test(l.title));
    expect(security).toHaveLength(1);
    const body = await search('q=cybersecurity');
    expect(body.data[0]).toMatchObject({ kind: 'action-line', id: security[0]!.id, matchedField: 'title' });
    expect(body.data[0]!.snippet).toContain('<mark>security</mark>');
  });

  it('entities are found by acronym and by name', async () => {
    expect((await search('q=UNESCO&kind=entity')).data[0]?.id).toBe('UNESCO');
    const byName = await search(`q=${encodeURIComponent('World Meteorological Organization')}&kind=entity`);
    expect(byName.data[0]).toMatchObject({ id: 'WMO', matchedField: 'name' });
  });

  it('kind filters, and pages are slices of one stable ranking', async () => {
    const all = await search('q=health&kind=sdg-target&limit=100');
    expect(all.data.length).toBeGreaterThan(3);
    expect(new Set(all.data.map((h) => h.kind))).toEqual(new Set(['sdg-target']));
    const scores = all.data.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const page = await search('q=health&kind=sdg-target&limit=2&offset=1');
    expect(page.meta.total).toBe(all.meta.total);
    expect(page.data.map((h) => h.id)).toEqual(all.data.slice(1, 3).map((h) => h.id));
  });

  it.each([
    '"unbalanced',
    'C5 AND (',
    'title:security',
    'a\\b',
    '*',
    'health~~~',
    '[1 TO 5]',
    '{}',
    '/regex/',
    '!NOT ^^ &&',
    'OR',
  ])('Lucene syntax in the words never breaks the query: %s', async (q) => {
    const response = await app.inject({ url: `/v1/search?q=${encodeURIComponent(q)}` });
    if (/[\p{L}\p{N}]/u.test(q)) {
      expect(response.statusCode).toBe(200);
    } else {
      expect(response.statusCode).toBe(400);
      expect(expectProblem(response).errors).toEqual([
        { path: 'query.q', message: 'must contain at least one letter or digit' },
      ]);
    }
  });

  it('raw Lucene syntax is offered explicitly, and invalid syntax is a 400 naming q', async () => {
    const raw = await search(`q=${encodeURIComponent('title:nothingatall OR id:C5')}&syntax=lucene`);
    expect(raw.data.map((h) => h.id)).toEqual(['C5']);
    const bad = await app.inject({ url: `/v1/search?q=${encodeURIComponent('C5 AND (')}&syntax=lucene` });
    expect(bad.statusCode).toBe(400);
    expect(expectProblem(bad).errors?.[0]?.path).toBe('query.q');
  });

  it('empty and too-long queries are 400 naming the limit', async () => {
    for (const q of ['', '%20%20']) {
      const response = await app.inject({ url: `/v1/search?q=${q}` });
      expect(response.statusCode).toBe(400);
      const problem = expectProblem(response);
      expect(problem.errors?.[0]?.path).toBe('query.q');
      expect(problem.errors?.[0]?.message).toMatch(/1–200 characters/);
    }
    const long = await app.inject({ url: `/v1/search?q=${'a'.repeat(201)}` });
    expect(long.statusCode).toBe(400);
    expect(expectProblem(long).errors?.[0]?.message).toMatch(/at most 200 characters/);
    expect((await app.inject({ url: `/v1/search?q=${'a'.repeat(200)}` })).statusCode).toBe(200);
  });

  it('nothing found: empty page and the closest known terms', async () => {
    const body = await search('q=zzinfrastructurezz');
    expect(body.data).toEqual([]);
    expect(body.meta.total).toBe(0);
    expect(body.meta.suggestions).toContain('infrastructure');
  });

  it('a language we do not have falls back to English and says so', async () => {
    const response = await app.inject({ url: '/v1/search?q=health&lang=de' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-language']).toBe('en');
    const viaHeader = await app.inject({
      url: '/v1/search?q=health',
      headers: { 'accept-language': 'de-CH, ja;q=0.8' },
    });
    expect(viaHeader.headers['content-language']).toBe('en');
    const preferred = await app.inject({
      url: '/v1/search?q=health',
      headers: { 'accept-language': 'de-CH, es;q=0.5, fr;q=0.9' },
    });
    expect(preferred.headers['content-language']).toBe('fr');
    expect(preferred.headers.vary).toMatch(/Accept-Language/);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    await expectNotModifiedRound(app, '/v1/search?q=health');
  });
});
