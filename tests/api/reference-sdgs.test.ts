import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import {
  expectNotModifiedRound,
  getJson,
  readAllPages,
  refGoals,
  refIndicators,
  refMatrix,
  seededApp,
  targetOrder,
} from '../helpers/reference.js';

const allTargets = refGoals.flatMap((g) => g.targets.map((t) => ({ ...t, goal: g.goal })));

describe('GET /v1/sdgs, /v1/sdg-targets, /v1/sdg-indicators', () => {
  let app: FastifyInstance;
  let driver: Driver;
  beforeAll(async () => {
    ({ app, driver } = await seededApp());
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await driver?.close();
  });

  it('lists the 17 goals with integer ids in order', async () => {
    const body = await getJson(app, '/v1/sdgs');
    expect(body.meta).toEqual({ total: 17, limit: 100, offset: 0 });
    expect(body.data.map((g: { id: number }) => g.id)).toEqual(refGoals.map((g) => g.goal));
    expect(body.data.map((g: { shortTitle: string }) => g.shortTitle)).toEqual(refGoals.map((g) => g.short));
    expect(body.data.map((g: { uri: string }) => g.uri)).toEqual(refGoals.map((g) => g.kos_uri));
  });

  it('one goal includes its targets, numbered first then lettered', async () => {
    const { data } = await getJson(app, '/v1/sdgs/5');
    const refGoal = refGoals.find((g) => g.goal === 5)!;
    expect(data).toMatchObject({ id: 5, title: refGoal.title, shortTitle: refGoal.short });
    expect(data.targets.map((t: { id: string }) => t.id)).toEqual(refGoal.targets.map((t) => t.id).sort(targetOrder));
    expect(data.targets.map((t: { id: string }) => t.id).slice(-3)).toEqual(['5.a', '5.b', '5.c']);
    for (const t of data.targets) expect(t.goal).toBe(5);
  });

  it('lists 169 targets in goal order, with per-goal counts', async () => {
    const body = await getJson(app, '/v1/sdg-targets?limit=500');
    expect(body.meta.total).toBe(allTargets.length);
    expect(body.meta.total).toBe(169);
    expect(body.data.map((t: { id: string }) => t.id)).toEqual(allTargets.map((t) => t.id).sort(targetOrder));
    for (const goal of refGoals) {
      const page = await getJson(app, `/v1/sdg-targets?goal=${goal.goal}`);
      expect(page.meta.total, `goal ${goal.goal}`).toBe(goal.targets.length);
      expect(new Set(page.data.map((t: { goal: number }) => t.goal))).toEqual(new Set([goal.goal]));
    }
    // 9.1 … 9.5 before 9.a; 16.10 after 16.9 (numeric, not lexical)
    const g16 = body.data.filter((t: { goal: number }) => t.goal === 16).map((t: { id: string }) => t.id);
    expect(g16.indexOf('16.10')).toBe(g16.indexOf('16.9') + 1);
  });

  it('two pages concatenated equal one big page', async () => {
    const big = await getJson(app, '/v1/sdg-targets?limit=500');
    const { items, totals } = await readAllPages(app, '/v1/sdg-targets', 100);
    expect(items).toEqual(big.data);
    expect(totals).toEqual([169, 169]);
  });

  it('target 5.b: title, KOS IRI, indicators and the action lines supporting it', async () => {
    const refTarget = allTargets.find((t) => t.id === '5.b')!;
    const { data } = await getJson(app, '/v1/sdg-targets/5.b');
    expect(data).toMatchObject({ id: '5.b', goal: 5, title: refTarget.title, kind: 'means-of-implementation' });
    expect(data.uri).toBe(refTarget.kos_uri);
    expect(data.uri).toBe('http://metadata.un.org/sdg/5.b');
    expect(data.indicators.map((i: { id: string }) => i.id)).toEqual(
      refIndicators.filter((i) => i.target === '5.b').map((i) => i.id),
    );
    const supporting = refMatrix.filter((l) => l.sdg_targets.includes('5.b')).map((l) => l.action_line);
    expect(data.actionLines.map((l: { actionLineId: string }) => l.actionLineId).sort()).toEqual(
      [...supporting].sort(),
    );
    for (const l of data.actionLines) expect(l.source.document).toMatch(/WSIS.SDG Matrix/);
  });

  it('every target lists exactly the indicators that measure it', async () => {
    for (const t of allTargets.filter((_, i) => i % 7 === 0)) {
      const { data } = await getJson(app, `/v1/sdg-targets/${t.id}`);
      expect(data.indicators.map((i: { id: string }) => i.id).sort()).toEqual(
        refIndicators
          .filter((i) => i.target === t.id)
          .map((i) => i.id)
          .sort(),
      );
    }
  });

  it('an indicator names its target and goal; obsolete ones are flagged', async () => {
    const refIndicator = refIndicators.find((i) => i.id === '5.b.1')!;
    const { data } = await getJson(app, '/v1/sdg-indicators/5.b.1');
    expect(data).toMatchObject({ id: '5.b.1', target: '5.b', goal: 5, title: refIndicator.title, status: 'current' });
    const obsolete = refIndicators.find((i) => i.status === 'obsolete')!;
    const o = await getJson(app, `/v1/sdg-indicators/${obsolete.id}`);
    expect(o.data).toMatchObject({ id: obsolete.id, target: obsolete.target, goal: obsolete.goal, status: 'obsolete' });
  });

  it('unknown ids are 404 problems; malformed ones 400', async () => {
    for (const url of ['/v1/sdgs/18', '/v1/sdg-targets/5.z', '/v1/sdg-targets/18.1', '/v1/sdg-indicators/5.b.9']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(expectProblem(response).errors?.[0]?.path).toBe('path.id');
    }
    for (const url of ['/v1/sdgs/five', '/v1/sdg-targets/5', '/v1/sdg-indicators/5.b']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(expectProblem(response).errors?.[0]?.path).toBe('path.id');
    }
  });

  it('bad query parameters are 400 naming each', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/sdg-targets?goal=18&offset=-1' });
    expect(response.statusCode).toBe(400);
    expect(
      expectProblem(response)
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['query.goal', 'query.offset']);
    const limit = await app.inject({ method: 'GET', url: '/v1/sdgs?limit=501' });
    expect(limit.statusCode).toBe(400);
    expect(expectProblem(limit).errors?.map((e) => e.path)).toEqual(['query.limit']);
    const unknown = await app.inject({ method: 'GET', url: '/v1/sdgs?target=5.b' });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(expectProblem(unknown).errors)).toContain('target');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    await expectNotModifiedRound(app, '/v1/sdgs');
    await expectNotModifiedRound(app, '/v1/sdg-targets/5.b');
    await expectNotModifiedRound(app, '/v1/sdg-indicators/5.b.1');
  });
});
