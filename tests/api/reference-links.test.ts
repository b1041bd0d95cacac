import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import {
  allRefLines,
  entityName,
  expectedLinkCounts,
  expectedLinkTotal,
  expectNotModifiedRound,
  getJson,
  numberedCommitments,
  partnerLines,
  readAllPages,
  refMatrix,
  seededApp,
} from '../helpers/reference.js';

interface Link {
  type: string;
  from: string;
  fromKind: string;
  to: string;
  toKind: string;
  role: string | null;
  status: string;
  source: { document: string; locator: string; url: string | null };
  rationale: string | null;
  createdAt: string;
  createdBy: string;
}

const kinds: Record<string, [string, string[]]> = {
  FACILITATES: ['Entity', ['ActionLine']],
  RESPONSIBLE_FOR: ['Entity', ['GdcCommitment']],
  ALIGNS_WITH: ['ActionLine', ['GdcCommitment']],
  SUPPORTS: ['ActionLine', ['SdgTarget', 'Sdg']],
  CONTRIBUTES_TO: ['GdcCommitment', ['Sdg']],
};
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byTypeFromTo = (a: Link, b: Link) => cmp(a.type, b.type) || cmp(a.from, b.from) || cmp(a.to, b.to);

describe('GET /v1/links', () => {
  let app: FastifyInstance;
  let driver: Driver;
  let all: Link[];
  beforeAll(async () => {
    ({ app, driver } = await seededApp());
    all = (await getJson(app, '/v1/links?limit=500')).data;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await driver?.close();
  });

  it('lists every roadmap link, and no structural ones', async () => {
    expect(expectedLinkTotal).toBeLessThan(500);
    expect(all).toHaveLength(expectedLinkTotal);
    const { meta } = await getJson(app, '/v1/links');
    expect(meta).toEqual({ total: expectedLinkTotal, limit: 100, offset: 0 });
    expect(new Set(all.map((l) => l.type))).toEqual(new Set(Object.keys(expectedLinkCounts)));
  });

  it('counts per type match the reference, and ?type= filters', async () => {
    for (const [type, count] of Object.entries(expectedLinkCounts)) {
      const body = await getJson(app, `/v1/links?type=${type}&limit=500`);
      expect(body.meta.total, type).toBe(count);
      expect(all.filter((l) => l.type === type)).toHaveLength(count);
      expect(body.data).toEqual(all.filter((l) => l.type === type));
    }
  });

  it('every link has the API shape: kinds by type, role only where it belongs, provenance', async () => {
    for (const link of all) {
      const [fromKind, toKinds] = kinds[link.type]!;
      expect(link.fromKind).toBe(fromKind);
      expect(toKinds).toContain(link.toKind);
      if (link.type === 'FACILITATES') expect(['lead', 'co', 'partner']).toContain(link.role);
      else if (link.type === 'RESPONSIBLE_FOR') expect(['lead', 'co', 'contributor']).toContain(link.role);
      else expect(link.role).toBeNull();
      expect(['proposed', 'endorsed', 'retired']).toContain(link.status);
      expect(link.source.document.length).toBeGreaterThan(0);
      expect(link.source.locator.length).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(link.createdAt))).toBe(false);
      expect(link.createdBy).toBe('seed');
      expect(Object.keys(link).sort()).toEqual([
        'createdAt',
        'createdBy',
        'from',
        'fromKind',
        'fromLabel',
        'rationale',
        'role',
        'source',
        'status',
        'to',
        'toKind',
        'toLabel',
        'type',
      ]);
    }
  });

  it('spot values: C2 led by ITU; 11(b) cites SDGs 1 and 9; goal-level SUPPORTS point at an Sdg', async () => {
    expect(all).toContainEqual(expect.objectContaining({ type: 'FACILITATES', from: 'ITU', to: 'C2', role: 'lead' }));
    expect(all).toContainEqual(
      expect.objectContaining({ type: 'FACILITATES', from: 'WHO', to: 'C7.e-health', role: 'lead' }),
    );
    const cites = all.filter((l) => l.type === 'CONTRIBUTES_TO' && l.from === '11b').map((l) => l.to);
    expect(cites).toEqual(['1', '9']);
    const c1Goals = refMatrix.find((l) => l.action_line === 'C1')!.goal_level_links.map(String);
    const c1 = await getJson(app, '/v1/links?type=SUPPORTS&from=C1&limit=500');
    expect(
      c1.data
        .filter((l: Link) => l.toKind === 'Sdg')
        .map((l: Link) => l.to)
        .sort(),
    ).toEqual([...c1Goals].sort());
  });

  it('is in stable (type, from, to) order, and two pages concatenated equal one big page', async () => {
    expect([...all].sort(byTypeFromTo)).toEqual(all);
    const { items, totals } = await readAllPages<Link>(app, '/v1/links', 100);
    expect(items).toEqual(all);
    expect(new Set(totals)).toEqual(new Set([expectedLinkTotal]));
    const again = (await getJson(app, '/v1/links?limit=500')).data;
    expect(again).toEqual(all);
  });

  it('filters by from, to and status', async () => {
    const itu = await getJson(app, '/v1/links?from=ITU&type=FACILITATES&limit=500');
    const expectedItu = allRefLines.filter(
      (l) => [...l.facilitators.lead, ...l.facilitators.co].map(entityName).includes('ITU') || partnerLines.includes(l),
    ).length;
    expect(itu.meta.total).toBe(expectedItu);
    const toGoal9 = await getJson(app, '/v1/links?to=9&limit=500');
    expect(toGoal9.data).toEqual(all.filter((l) => l.to === '9'));
    expect(toGoal9.data.map((l: Link) => l.toKind)).toEqual(toGoal9.data.map(() => 'Sdg'));
    const goalLevel9 = refMatrix.filter((l) =>
      [...l.goal_level_links, ...l.goal_cells_without_target_or_rationale].includes(9),
    ).length;
    const cites9 = numberedCommitments.filter((c) => c.sdgs.includes(9)).length;
    expect(toGoal9.meta.total).toBe(goalLevel9 + cites9);
    for (const status of ['proposed', 'endorsed', 'retired']) {
      const body = await getJson(app, `/v1/links?status=${status}&limit=500`);
      expect(body.data).toEqual(all.filter((l) => l.status === status));
    }
    const aligned = await getJson(app, '/v1/links?type=ALIGNS_WITH&status=endorsed');
    expect(aligned.meta.total).toBe(0); // every ALIGNS_WITH is a proposal
  });

  it('CSV (?format=csv or Accept: text/csv) is the same list, all of it, source flattened', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/links?format=csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(response.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'type',
      'from',
      'fromKind',
      'fromLabel',
      'to',
      'toKind',
      'toLabel',
      'role',
      'status',
      'sourceDocument',
      'sourceLocator',
      'sourceUrl',
      'rationale',
      'createdAt',
      'createdBy',
    ]);
    const nullable = (v: string) => (v === '' ? null : v);
    const back = rows.map((r) => ({
      type: r.type,
      from: r.from,
      fromKind: r.fromKind,
      fromLabel: r.fromLabel,
      to: r.to,
      toKind: r.toKind,
      toLabel: r.toLabel,
      role: nullable(r.role!),
      status: r.status,
      source: { document: r.sourceDocument, locator: r.sourceLocator, url: nullable(r.sourceUrl!) },
      rationale: nullable(r.rationale!),
      createdAt: r.createdAt,
      createdBy: r.createdBy,
    }));
    expect(back).toEqual(all);

    const viaAccept = await app.inject({ method: 'GET', url: '/v1/links', headers: { accept: 'text/csv' } });
    expect(viaAccept.statusCode).toBe(200);
    expect(viaAccept.headers['content-type']).toMatch(/^text\/csv/);
    expect(viaAccept.body).toBe(response.body);

    const filtered = await app.inject({ method: 'GET', url: '/v1/links?format=csv&type=CONTRIBUTES_TO' });
    expect(parse(filtered.body, { columns: true })).toHaveLength(expectedLinkCounts.CONTRIBUTES_TO!);
  });

  it('JSON lines (?format=ndjson or Accept: application/x-ndjson) stream the same list, one link per line', async () => {
    const lines = (body: string) =>
      body
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown);
    const response = await app.inject({ method: 'GET', url: '/v1/links?format=ndjson' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(lines(response.body)).toEqual(all);
    // A page is honoured like the JSON list's.
    const page = await app.inject({ method: 'GET', url: '/v1/links?format=ndjson&limit=2&offset=3' });
    expect(lines(page.body)).toEqual(all.slice(3, 5));
    const viaAccept = await app.inject({
      method: 'GET',
      url: '/v1/links?type=SUPPORTS',
      headers: { accept: 'application/x-ndjson' },
    });
    expect(
      viaAccept.body
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual(all.filter((l) => l.type === 'SUPPORTS'));
  });

  it('an Accept allowing neither JSON nor CSV is 406', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/links', headers: { accept: 'application/xml' } });
    expect(response.statusCode).toBe(406);
    expect(expectProblem(response).detail).toMatch(/text\/csv/);
  });

  it('bad query parameters are 400 naming each', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/links?limit=0&status=maybe&type=PART_OF' });
    expect(response.statusCode).toBe(400);
    expect(
      expectProblem(response)
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['query.limit', 'query.status', 'query.type']);
    const unknown = await app.inject({ method: 'GET', url: '/v1/links?kind=Entity' });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(expectProblem(unknown).errors)).toContain('kind');
    const format = await app.inject({ method: 'GET', url: '/v1/links?format=xml' });
    expect(format.statusCode).toBe(400);
    expect(expectProblem(format).errors?.map((e) => e.path)).toEqual(['query.format']);
  });

  it('answers 304 to a matching If-None-Match; JSON and CSV have different ETags', async () => {
    const json = await expectNotModifiedRound(app, '/v1/links?type=SUPPORTS');
    const csv = await expectNotModifiedRound(app, '/v1/links?type=SUPPORTS', { accept: 'text/csv' });
    expect(csv).not.toBe(json);
  });
});
