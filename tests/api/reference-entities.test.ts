import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import {
  allRefLines,
  entityName,
  expectNotModifiedRound,
  getJson,
  partnerLines,
  readAllPages,
  refLines,
  refMatrix,
  refUngis,
  seededApp,
  targetOrder,
} from '../helpers/reference.js';

const members = refUngis.members.map((m) => m.acronym);
const candidates = refUngis.candidates_unverified.map((m) => m.acronym);
const facilitatorNames = allRefLines.flatMap((l) => [...l.facilitators.lead, ...l.facilitators.co].map(entityName));
/** UNGIS members and candidates, plus facilitators that are neither (APC). */
const allEntityIds = [...new Set([...members, ...candidates, ...facilitatorNames])];
const leads = new Set(allRefLines.flatMap((l) => l.facilitators.lead.map(entityName)));
const cos = new Set(allRefLines.flatMap((l) => l.facilitators.co.map(entityName)));
const sortIds = (ids: Iterable<string>) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('GET /v1/entities and /v1/action-lines facilitation', () => {
  let app: FastifyInstance;
  let driver: Driver;
  beforeAll(async () => {
    ({ app, driver } = await seededApp());
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await driver?.close();
  });

  it('19 action lines: 11 lines and 8 C7 sub-lines', async () => {
    const body = await getJson(app, '/v1/action-lines');
    expect(body.meta.total).toBe(allRefLines.length);
    expect(body.meta.total).toBe(19);
    const lines = await getJson(app, '/v1/action-lines?kind=line');
    expect(lines.data.map((l: { id: string }) => l.id)).toEqual(refLines.map((l) => l.id));
  });

  it('an action line names SDGs by integer id, like the rest of the API', async () => {
    for (const line of refMatrix) {
      const { data } = await getJson(app, `/v1/action-lines/${line.action_line}`);
      const goalLevel = [...line.goal_level_links, ...line.goal_cells_without_target_or_rationale].sort(
        (a, b) => a - b,
      );
      expect(data.goals.map((g: { goalId: number }) => g.goalId)).toEqual(goalLevel);
      // Natural target order (16.2 before 16.10; numbered before lettered), as on /v1/sdg-targets.
      expect(data.targets.map((t: { targetId: string }) => t.targetId)).toEqual(
        [...line.sdg_targets].sort(targetOrder),
      );
      for (const t of data.targets) expect(t.goalId).toBe(Number(t.targetId.split('.')[0]));
    }
  });

  it('C2 is led by ITU, seen from the action line and from the entity', async () => {
    const c2 = await getJson(app, '/v1/action-lines/C2');
    const refC2 = refLines.find((l) => l.id === 'C2')!;
    const lead = c2.data.facilitators
      .filter((f: { role: string }) => f.role === 'lead')
      .map((f: { entityId: string }) => f.entityId);
    expect(lead).toEqual(refC2.facilitators.lead);
    expect(lead).toEqual(['ITU']);
    const itu = await getJson(app, '/v1/entities/ITU');
    expect(itu.data.facilitates).toContainEqual(
      expect.objectContaining({ actionLineId: 'C2', role: 'lead', status: 'endorsed' }),
    );
  });

  it('ITU facilitates exactly what the reference says, in action-line order', async () => {
    const { data } = await getJson(app, '/v1/entities/ITU');
    const expected = allRefLines.flatMap((l) => {
      if (l.facilitators.lead.map(entityName).includes('ITU')) return [{ actionLineId: l.id, role: 'lead' }];
      if (l.facilitators.co.map(entityName).includes('ITU')) return [{ actionLineId: l.id, role: 'co' }];
      if (partnerLines.includes(l)) return [{ actionLineId: l.id, role: 'partner' }];
      return [];
    });
    expect(
      data.facilitates.map(({ actionLineId, role }: { actionLineId: string; role: string }) => ({
        actionLineId,
        role,
      })),
    ).toEqual(expected);
  });

  it('C7.e-health is led by WHO (via /v1/entities/WHO)', async () => {
    const { data } = await getJson(app, '/v1/entities/WHO');
    const refLine = allRefLines.find((l) => l.id === 'C7.e-health')!;
    expect(refLine.facilitators.lead).toEqual(['WHO']);
    expect(data).toMatchObject({ id: 'WHO', ungisMember: members.includes('WHO') });
    expect(data.facilitates).toEqual([expect.objectContaining({ actionLineId: 'C7.e-health', role: 'lead' })]);
    expect(data.facilitates[0].source.document).toEqual(expect.any(String));
    expect(data.responsibleFor).toEqual([]);
  });

  it('ITC is responsible for 42(b) as contributor', async () => {
    const { data } = await getJson(app, '/v1/entities/ITC');
    expect(data.responsibleFor).toEqual([
      expect.objectContaining({ commitmentId: '42b', label: '42(b)', role: 'contributor', status: 'proposed' }),
    ]);
  });

  it('ids with spaces work URL-encoded', async () => {
    const { data } = await getJson(app, '/v1/entities/UN%20Women');
    expect(data.id).toBe('UN Women');
    expect(data.ungisMember).toBe(true);
  });

  it('lists every entity by id, with the ungisMember filter', async () => {
    const body = await getJson(app, '/v1/entities');
    expect(body.meta.total).toBe(allEntityIds.length);
    expect(body.data.map((e: { id: string }) => e.id)).toEqual(sortIds(allEntityIds));
    const yes = await getJson(app, '/v1/entities?ungisMember=true');
    expect(yes.meta.total).toBe(members.length);
    expect(sortIds(yes.data.map((e: { id: string }) => e.id))).toEqual(sortIds(members));
    const no = await getJson(app, '/v1/entities?ungisMember=false');
    expect(no.meta.total).toBe(allEntityIds.length - members.length);
    expect(no.data.every((e: { ungisMember: boolean }) => e.ungisMember === false)).toBe(true);
  });

  it('filters by role held on at least one link', async () => {
    const ids = async (q: string) => (await getJson(app, `/v1/entities?${q}`)).data.map((e: { id: string }) => e.id);
    expect(await ids('role=lead')).toEqual(sortIds(leads));
    expect(await ids('role=co')).toEqual(sortIds(cos));
    expect(await ids('role=partner')).toEqual(partnerLines.length ? ['ITU'] : []);
    expect(await ids('role=contributor')).toEqual(['ITC']);
    expect(await ids('role=lead&ungisMember=false')).toEqual(sortIds([...leads].filter((l) => !members.includes(l))));
  });

  it('two pages concatenated equal one big page', async () => {
    const big = await getJson(app, '/v1/entities?limit=500');
    const { items } = await readAllPages(app, '/v1/entities', 10);
    expect(items).toEqual(big.data);
  });

  it('unknown ids are 404 problems', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/entities/NOPE' });
    expect(response.statusCode).toBe(404);
    const problem = expectProblem(response);
    expect(problem.detail).toContain('NOPE');
    expect(problem.errors?.[0]?.path).toBe('path.id');
  });

  it('bad query parameters are 400 naming each', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/entities?ungisMember=yes&role=boss' });
    expect(response.statusCode).toBe(400);
    expect(
      expectProblem(response)
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['query.role', 'query.ungisMember']);
    const unknown = await app.inject({ method: 'GET', url: '/v1/entities?member=true' });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(expectProblem(unknown).errors)).toContain('member');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    await expectNotModifiedRound(app, '/v1/entities?ungisMember=true');
    await expectNotModifiedRound(app, '/v1/entities/UN%20Women');
  });
});
