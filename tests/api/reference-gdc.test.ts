import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import {
  alignedLinesBySection,
  byParagraph,
  expectNotModifiedRound,
  getJson,
  numberedCommitments,
  readAllPages,
  refGdc,
  seededApp,
} from '../helpers/reference.js';

const sectionTitle = (id: string) => refGdc.sections.find((s) => s.id === id)!.title;

describe('GET /v1/gdc/objectives and /v1/gdc/commitments', () => {
  let app: FastifyInstance;
  let driver: Driver;
  beforeAll(async () => {
    ({ app, driver } = await seededApp());
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await driver?.close();
  });

  it('lists the five objectives with integer ids, in order', async () => {
    const body = await getJson(app, '/v1/gdc/objectives');
    expect(body.meta).toEqual({ total: refGdc.objectives.length, limit: 100, offset: 0 });
    expect(body.data.map((o: { id: number }) => o.id)).toEqual(refGdc.objectives.map((o) => o.id));
    expect(body.data.map((o: { title: string }) => o.title)).toEqual(refGdc.objectives.map((o) => o.title));
    expect(body.data[0].source.document).toMatch(/A\/RES\/79\/1/);
  });

  it('one objective lists its commitments in paragraph order with section titles', async () => {
    for (const objective of refGdc.objectives) {
      const { data } = await getJson(app, `/v1/gdc/objectives/${objective.id}`);
      expect(data.id).toBe(objective.id);
      const expected = numberedCommitments
        .filter((c) => c.objective === objective.id)
        .sort(byParagraph)
        .map((c) => ({ id: c.id, label: c.label, section: c.section, sectionTitle: sectionTitle(c.section) }));
      expect(data.commitments).toEqual(expected);
    }
  });

  it('lists every numbered commitment in paragraph order', async () => {
    const body = await getJson(app, '/v1/gdc/commitments?limit=500');
    expect(body.meta.total).toBe(numberedCommitments.length);
    expect(body.data.map((c: { id: string }) => c.id)).toEqual(
      [...numberedCommitments].sort(byParagraph).map((c) => c.id),
    );
    const c24 = body.data.find((c: { id: string }) => c.id === '24');
    expect(c24).toMatchObject({ label: '24', paragraph: 24, letter: null, objective: 3, section: 's5' });
  });

  it('filters commitments by objective and by section', async () => {
    for (const objective of refGdc.objectives) {
      const body = await getJson(app, `/v1/gdc/commitments?objective=${objective.id}`);
      expect(body.meta.total).toBe(numberedCommitments.filter((c) => c.objective === objective.id).length);
      expect(new Set(body.data.map((c: { objective: number }) => c.objective))).toEqual(new Set([objective.id]));
    }
    const s13 = await getJson(app, '/v1/gdc/commitments?section=s13');
    expect(s13.data.map((c: { id: string }) => c.id)).toEqual(
      numberedCommitments
        .filter((c) => c.section === 's13')
        .sort(byParagraph)
        .map((c) => c.id),
    );
    const both = await getJson(app, '/v1/gdc/commitments?objective=1&section=s4');
    expect(both.meta.total).toBe(0); // s4 is under objective 2
  });

  it('commitment 11(b): cites SDGs 1 and 9, aligned with C2, nobody responsible yet', async () => {
    const { data } = await getJson(app, '/v1/gdc/commitments/11b');
    const refC = numberedCommitments.find((c) => c.id === '11b')!;
    expect(data).toMatchObject({ id: '11b', label: '11(b)', paragraph: 11, letter: 'b', objective: 1, section: 's1' });
    expect(data.sectionTitle).toBe(sectionTitle('s1'));
    expect(data.goals.map((g: { goalId: number }) => g.goalId)).toEqual([...refC.sdgs].sort((a, b) => a - b));
    expect(data.goals.map((g: { goalId: number }) => g.goalId)).toEqual([1, 9]);
    for (const g of data.goals) expect(g.source.locator).toBe('para 11(b)');
    expect(data.actionLines.map((l: { actionLineId: string }) => l.actionLineId)).toEqual(alignedLinesBySection.s1);
    expect(data.actionLines[0].status).toBe('proposed');
    expect(data.actionLines[0].rationale).toEqual(expect.any(String));
    expect(data.responsibleEntities).toEqual([]);
  });

  it('every commitment detail agrees with the reference (SDGs cited, action lines aligned)', async () => {
    for (const c of numberedCommitments) {
      const { data } = await getJson(app, `/v1/gdc/commitments/${c.id}`);
      expect(data.goals.map((g: { goalId: number }) => g.goalId)).toEqual([...c.sdgs].sort((a, b) => a - b));
      expect(data.actionLines.map((l: { actionLineId: string }) => l.actionLineId).sort()).toEqual(
        [...(alignedLinesBySection[c.section] ?? [])].sort(),
      );
    }
  });

  it('commitment 42(b) has ITC as contributor (ITU WSIS–GDC report)', async () => {
    const { data } = await getJson(app, '/v1/gdc/commitments/42b');
    expect(data.responsibleEntities).toHaveLength(1);
    expect(data.responsibleEntities[0]).toMatchObject({ entityId: 'ITC', role: 'contributor', status: 'proposed' });
    expect(data.responsibleEntities[0].source.url).toMatch(/wsis-gdc-implementation/);
  });

  it('two pages concatenated equal one big page', async () => {
    const big = await getJson(app, '/v1/gdc/commitments?limit=500');
    const { items, totals } = await readAllPages(app, '/v1/gdc/commitments', 20);
    expect(items).toEqual(big.data);
    expect(new Set(totals)).toEqual(new Set([big.meta.total]));
  });

  it('unknown ids are 404 problems; malformed ones 400', async () => {
    for (const url of ['/v1/gdc/objectives/6', '/v1/gdc/commitments/11z', '/v1/gdc/commitments/99']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      const problem = expectProblem(response);
      expect(problem.errors?.[0]?.path).toBe('path.id');
    }
    const bad = await app.inject({ method: 'GET', url: '/v1/gdc/objectives/one' });
    expect(bad.statusCode).toBe(400);
    expect(expectProblem(bad).errors?.[0]?.path).toBe('path.id');
  });

  it('bad query parameters are 400 naming each', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/gdc/commitments?objective=6&section=x1&limit=0' });
    expect(response.statusCode).toBe(400);
    expect(
      expectProblem(response)
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['query.limit', 'query.objective', 'query.section']);
    const unknown = await app.inject({ method: 'GET', url: '/v1/gdc/objectives?colour=blue' });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(expectProblem(unknown).errors)).toContain('colour');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    await expectNotModifiedRound(app, '/v1/gdc/commitments?objective=1');
    await expectNotModifiedRound(app, '/v1/gdc/objectives/1');
  });
});
