import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { cypher } from '../../src/db/cypher.js';
import { expectProblem } from '../helpers/app.js';
import { growReplicas, type RunQuery, readSeed } from '../../bench/replicas.js';
import { getJson, readAllPages, seededApp, targetOrder } from '../helpers/reference.js';

/**
 * GET /v1/gaps and /v1/coverage against the seeded graph. Expectations are computed here from
 * /v1/links and the list endpoints; then links are changed directly with Cypher (advancing the
 * graph revision, as every API write does) and gaps, coverage and the matrix must follow.
 */

interface Link {
  type: string;
  from: string;
  fromKind: string;
  to: string;
  toKind: string;
  role: string | null;
  status: string;
}
interface Commitment {
  id: string;
  label: string;
  paragraph: number | null;
  letter: string | null;
  objective: number;
}
interface Line {
  id: string;
  kind: string;
}
interface Target {
  id: string;
  goal: number;
}
interface Entity {
  id: string;
  name: string;
}

const KINDS = [
  'commitments-without-action-line',
  'commitments-without-responsible-entity',
  'action-lines-without-lead',
  'sdg-targets-without-support',
  'aligned-pairs-without-shared-entity',
  'entity-workload',
  'commitments-without-activity',
  'activities-past-due',
  'entities-not-reported',
] as const;

let app: FastifyInstance;
let driver: Driver;
let commitments: Commitment[];
let lines: Line[];
let targets: Target[];
let entities: Entity[];
let goals: { id: number }[];

/** Commitments by paragraph (none last), letter (none first), id. */
const commitmentOrder = (a: Commitment, b: Commitment) =>
  (a.paragraph ?? Number.POSITIVE_INFINITY) - (b.paragraph ?? Number.POSITIVE_INFINITY) ||
  (a.letter ?? '').localeCompare(b.letter ?? '') ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The members of every list, read from the list endpoints. */
async function readMembers(withCommitments = true) {
  if (withCommitments)
    commitments = (await readAllPages<Commitment>(app, '/v1/gdc/commitments', 500)).items.sort(commitmentOrder);
  lines = (await readAllPages<Line>(app, '/v1/action-lines', 500)).items;
  targets = (await readAllPages<Target>(app, '/v1/sdg-targets', 500)).items.sort((a, b) => targetOrder(a.id, b.id));
  entities = (await readAllPages<Entity>(app, '/v1/entities', 500)).items;
  goals = (await readAllPages<{ id: number }>(app, '/v1/sdgs', 500)).items;
}

beforeAll(async () => {
  ({ app, driver } = await seededApp());
  await readMembers();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await driver?.close();
});

const activeLinks = async () =>
  (await readAllPages<Link>(app, '/v1/links', 500)).items.filter((l) => l.status !== 'retired');

/** The gaps, computed independently from the list endpoints. */
async function expectedGaps() {
  const links = await activeLinks();
  const of = (type: string) => links.filter((l) => l.type === type);
  const lineOrder = lines.map((l) => l.id);
  const commitmentOrder = commitments.map((c) => c.id);
  const pairs = of('ALIGNS_WITH')
    .filter(
      (a) =>
        !of('FACILITATES').some(
          (f) => f.to === a.from && of('RESPONSIBLE_FOR').some((r) => r.from === f.from && r.to === a.to),
        ),
    )
    .sort(
      (x, y) =>
        lineOrder.indexOf(x.from) - lineOrder.indexOf(y.from) ||
        commitmentOrder.indexOf(x.to) - commitmentOrder.indexOf(y.to),
    )
    .map((a) => `${a.from}|${a.to}`);
  const count = (e: string, type: string, role?: string) =>
    of(type).filter((l) => l.from === e && (!role || l.role === role)).length;
  const workload = entities
    .map((e) => ({
      id: e.id,
      lead: count(e.id, 'FACILITATES', 'lead'),
      co: count(e.id, 'FACILITATES', 'co'),
      partner: count(e.id, 'FACILITATES', 'partner'),
      responsibilities: count(e.id, 'RESPONSIBLE_FOR'),
    }))
    .sort(
      (a, b) =>
        b.lead + b.co + b.partner + b.responsibilities - (a.lead + a.co + a.partner + a.responsibilities) ||
        (a.id < b.id ? -1 : 1),
    );
  return {
    links,
    ids: {
      // This file makes no activity and opens no reporting cycle (tests/api/activities.test.ts does).
      'commitments-without-activity': commitments.map((c) => c.id),
      'activities-past-due': [],
      'entities-not-reported': [],
      'commitments-without-action-line': commitments
        .filter((c) => !of('ALIGNS_WITH').some((l) => l.to === c.id))
        .map((c) => c.id),
      'commitments-without-responsible-entity': commitments
        .filter((c) => !of('RESPONSIBLE_FOR').some((l) => l.to === c.id))
        .map((c) => c.id),
      'action-lines-without-lead': lines
        .filter((a) => a.id !== 'C7' && !of('FACILITATES').some((l) => l.to === a.id && l.role === 'lead'))
        .map((a) => a.id),
      'sdg-targets-without-support': targets
        .filter((t) => !of('SUPPORTS').some((l) => l.toKind === 'SdgTarget' && l.to === t.id))
        .map((t) => t.id),
      'aligned-pairs-without-shared-entity': pairs,
    } as Record<string, string[]>,
    workload,
  };
}

type GapsBody = {
  data: Record<
    string,
    {
      id?: string;
      actionLine?: string;
      commitment?: string;
      label: string;
      reason: string;
      lead?: number;
      co?: number;
      partner?: number;
      responsibilities?: number;
    }[]
  >;
  meta: { revision: number; counts: Record<string, number> };
};
const idOf = (item: GapsBody['data'][string][number]) =>
  item.actionLine ? `${item.actionLine}|${item.commitment}` : item.id!;

async function expectGapsAgree(): Promise<GapsBody> {
  const body = await getJson<GapsBody>(app, '/v1/gaps');
  const expected = await expectedGaps();
  expect(Object.keys(body.data)).toEqual([...KINDS]);
  for (const [kind, ids] of Object.entries(expected.ids)) {
    expect(body.data[kind]!.map(idOf), kind).toEqual(ids);
    expect(body.meta.counts[kind]).toBe(ids.length);
    for (const item of body.data[kind]!) {
      expect(item.reason.length, `${kind} ${idOf(item)}`).toBeGreaterThan(10);
      expect(item.label.length).toBeGreaterThan(0);
    }
  }
  expect(
    body.data['entity-workload']!.map(({ id, lead, co, partner, responsibilities }) => ({
      id,
      lead,
      co,
      partner,
      responsibilities,
    })),
  ).toEqual(expected.workload);
  return body;
}

async function write(query: string, params: Record<string, unknown> = {}): Promise<void> {
  const session = driver.session();
  try {
    await session.executeWrite(async (tx) => {
      await tx.run(query, params);
      await tx.run(cypher('revision/advance'));
    });
  } finally {
    await session.close();
  }
}

const linkProps = `{status: 'endorsed', sourceDocument: 'gaps test', sourceLocator: 'test', sourceUrl: null,
                    createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'test'}`;

describe('GET /v1/gaps', () => {
  it('every kind agrees with an independent computation from the list endpoints', async () => {
    const body = await expectGapsAgree();
    // The seed has real gaps of most kinds; the C7 group is never listed.
    expect(body.data['commitments-without-action-line']!.length).toBeGreaterThan(0);
    expect(body.data['sdg-targets-without-support']!.length).toBeGreaterThan(0);
    expect(body.data['action-lines-without-lead']!.map(idOf)).not.toContain('C7');
    expect(body.data['entity-workload']!.length).toBe(entities.length);
  });

  it('reasons say why: the line, the facilitators, the goal-level support', async () => {
    const body = await getJson<GapsBody>(app, '/v1/gaps');
    for (const item of body.data['action-lines-without-lead']!) expect(item.reason).toContain(item.id!);
    for (const item of body.data['sdg-targets-without-support']!) expect(item.reason).toContain(item.id!);
    for (const item of body.data['aligned-pairs-without-shared-entity']!)
      expect(item.reason).toContain(item.actionLine!);
    for (const item of body.data['entity-workload']!) expect(item.reason).toContain(`Lead on ${item.lead}`);
  });

  it('?kind= selects one kind', async () => {
    for (const kind of KINDS) {
      const body = await getJson<GapsBody>(app, `/v1/gaps?kind=${kind}`);
      expect(Object.keys(body.data)).toEqual([kind]);
      expect(Object.keys(body.meta.counts)).toEqual([kind]);
    }
  });

  it('unknown kind → 400 listing the kinds; unsupported Accept → 406', async () => {
    const bad = await app.inject({ method: 'GET', url: '/v1/gaps?kind=holes' });
    expect(bad.statusCode).toBe(400);
    const message = expectProblem(bad).errors?.find((e) => e.path === 'query.kind')?.message ?? '';
    for (const kind of KINDS) expect(message).toContain(`"${kind}"`);
    const notAcceptable = await app.inject({ method: 'GET', url: '/v1/gaps', headers: { accept: 'application/xml' } });
    expect(notAcceptable.statusCode).toBe(406);
    expectProblem(notAcceptable);
  });

  it('?format=csv is a flat CSV (kind, id, label, reason) of the same items', async () => {
    const json = await getJson<GapsBody>(app, '/v1/gaps');
    const response = await app.inject({ method: 'GET', url: '/v1/gaps?format=csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const records = parse(response.body, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual(['kind', 'id', 'label', 'reason']);
    const expected = KINDS.flatMap((kind) =>
      json.data[kind]!.map((item) => ({ kind, id: idOf(item), label: item.label, reason: item.reason })),
    );
    expect(records).toEqual(expected);
    const one = await app.inject({
      method: 'GET',
      url: '/v1/gaps?kind=sdg-targets-without-support',
      headers: { accept: 'text/csv' },
    });
    const oneRecords = parse(one.body, { columns: true }) as Record<string, string>[];
    expect(oneRecords.map((r) => r.id)).toEqual(json.data['sdg-targets-without-support']!.map(idOf));
  });
});

describe('GET /v1/gaps at scale: counts, pages, exports', () => {
  const expectedIdsOf = (expected: Awaited<ReturnType<typeof expectedGaps>>, kind: string) =>
    kind === 'entity-workload' ? expected.workload.map((w) => w.id) : expected.ids[kind]!;

  it('limit=0 answers the total of every kind and no items', async () => {
    const expected = await expectedGaps();
    const body = await getJson<GapsBody & { meta: { limit: number; offset: number } }>(app, '/v1/gaps?limit=0');
    for (const kind of KINDS) {
      expect(body.data[kind], kind).toEqual([]);
      expect(body.meta.counts[kind], kind).toBe(expectedIdsOf(expected, kind).length);
    }
    expect(body.meta).toMatchObject({ limit: 0, offset: 0 });
  });

  it('pages of 7 walk every kind in the same stable order as the independent list; counts stay totals', async () => {
    const expected = await expectedGaps();
    for (const kind of KINDS) {
      const ids = expectedIdsOf(expected, kind);
      const walked: string[] = [];
      for (let offset = 0; offset < ids.length + 7; offset += 7) {
        const page = await getJson<GapsBody>(app, `/v1/gaps?kind=${kind}&limit=7&offset=${offset}`);
        expect(page.meta.counts[kind], kind).toBe(ids.length);
        expect(page.data[kind]!.length).toBeLessThanOrEqual(7);
        walked.push(...page.data[kind]!.map(idOf));
      }
      expect(walked, kind).toEqual(ids);
    }
  });

  it('one kind as CSV carries its own fields: the workload as numbers, the pair ends', async () => {
    const expected = await expectedGaps();
    const workload = await app.inject({ method: 'GET', url: '/v1/gaps?kind=entity-workload&format=csv' });
    expect(workload.statusCode).toBe(200);
    const rows = parse(workload.body, { columns: true, cast: true }) as Record<string, string | number>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'kind',
      'id',
      'label',
      'lead',
      'co',
      'partner',
      'responsibilities',
      'reason',
    ]);
    expect(
      rows.map(({ id, lead, co, partner, responsibilities }) => ({ id, lead, co, partner, responsibilities })),
    ).toEqual(expected.workload);
    const pairs = await app.inject({
      method: 'GET',
      url: '/v1/gaps?kind=aligned-pairs-without-shared-entity',
      headers: { accept: 'text/csv' },
    });
    const pairRows = parse(pairs.body, { columns: true }) as Record<string, string>[];
    expect(pairRows.map((r) => `${r.actionLine}|${r.commitment}`)).toEqual(
      expected.ids['aligned-pairs-without-shared-entity'],
    );
    expect(pairRows.map((r) => r.id)).toEqual(expected.ids['aligned-pairs-without-shared-entity']);
  });

  it('?format=ndjson streams every item of every kind, one JSON object per line with its kind', async () => {
    const expected = await expectedGaps();
    const response = await app.inject({ method: 'GET', url: '/v1/gaps?format=ndjson' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(response.headers.etag).toMatch(/^"r\d+-/);
    const lines = response.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string } & Record<string, string>);
    for (const kind of KINDS) {
      const items = lines.filter((l) => l.kind === kind);
      expect(
        items.map((item) => idOf(item as never)),
        kind,
      ).toEqual(expectedIdsOf(expected, kind));
    }
    expect(lines.length).toBe(KINDS.reduce((n, kind) => n + expectedIdsOf(expected, kind).length, 0));
    const again = await app.inject({
      method: 'GET',
      url: '/v1/gaps?format=ndjson',
      headers: { 'if-none-match': String(response.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });
});

describe('GET /v1/coverage', () => {
  it('agrees with an independent computation from the list endpoints', async () => {
    const body = await getJson<{ data: any; meta: { revision: number } }>(app, '/v1/coverage');
    const links = await activeLinks();
    const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
    const aligned = new Set(links.filter((l) => l.type === 'ALIGNS_WITH').map((l) => l.to));
    const responsible = new Set(links.filter((l) => l.type === 'RESPONSIBLE_FOR').map((l) => l.to));
    const supported = new Set(links.filter((l) => l.type === 'SUPPORTS' && l.toKind === 'SdgTarget').map((l) => l.to));
    const objectiveIds = [...new Set(commitments.map((c) => c.objective))].sort((a, b) => a - b);
    expect(body.data.objectives.map((o: { id: number }) => o.id)).toEqual(objectiveIds);
    for (const o of body.data.objectives) {
      const mine = commitments.filter((c) => c.objective === o.id);
      const withLine = mine.filter((c) => aligned.has(c.id)).length;
      const withEntity = mine.filter((c) => responsible.has(c.id)).length;
      expect(o).toMatchObject({
        commitments: mine.length,
        withActionLine: withLine,
        withResponsibleEntity: withEntity,
        shareWithActionLine: share(withLine, mine.length),
        shareWithResponsibleEntity: share(withEntity, mine.length),
      });
    }
    expect(body.data.sdgs.map((g: { id: number }) => g.id)).toEqual(
      goals.map((g) => Number(g.id)).sort((a, b) => a - b),
    );
    for (const g of body.data.sdgs) {
      const mine = targets.filter((t) => Number(t.goal) === g.id);
      const n = mine.filter((t) => supported.has(t.id)).length;
      expect(g).toMatchObject({ targets: mine.length, supported: n, shareSupported: share(n, mine.length) });
    }
    const counted = lines.filter((l) => l.id !== 'C7');
    const withLead = counted.filter((a) =>
      links.some((l) => l.type === 'FACILITATES' && l.to === a.id && l.role === 'lead'),
    ).length;
    const totalWithLine = commitments.filter((c) => aligned.has(c.id)).length;
    const totalWithEntity = commitments.filter((c) => responsible.has(c.id)).length;
    const totalSupported = targets.filter((t) => supported.has(t.id)).length;
    expect(body.data.totals).toEqual({
      commitments: commitments.length,
      withActionLine: totalWithLine,
      withResponsibleEntity: totalWithEntity,
      shareWithActionLine: share(totalWithLine, commitments.length),
      shareWithResponsibleEntity: share(totalWithEntity, commitments.length),
      targets: targets.length,
      supportedTargets: totalSupported,
      shareTargetsSupported: share(totalSupported, targets.length),
      actionLines: counted.length,
      actionLinesWithLead: withLead,
      shareActionLinesWithLead: share(withLead, counted.length),
    });
  });
});

describe('gaps, coverage and the matrix move when links change', () => {
  /** Retires the lead of a line that has exactly one (each test opens its own gap, so each runs alone). */
  const retireAnOnlyLead = async () => {
    const links = await activeLinks();
    const lead = links.find(
      (l) =>
        l.type === 'FACILITATES' &&
        l.role === 'lead' &&
        !links.some((o) => o !== l && o.type === 'FACILITATES' && o.to === l.to && o.role === 'lead'),
    )!;
    expect(lead).toBeDefined();
    await write(
      `MATCH (:Entity {id: $e})-[f:FACILITATES {role: 'lead'}]->(:ActionLine {id: $a}) SET f.status = 'retired'`,
      { e: lead.from, a: lead.to },
    );
    return lead;
  };

  it("retiring a line's only lead opens a gap naming the retired lead; the matrix drops the cell", async () => {
    const lead = await retireAnOnlyLead();
    const after = await expectGapsAgree();
    const item = after.data['action-lines-without-lead']!.find((i) => i.id === lead.to);
    expect(item?.reason).toContain(`${lead.from} (retired)`);
    const matrix = await getJson(app, '/v1/matrix?rows=action-lines&cols=entities');
    expect(
      matrix.data.cells.find((c: { row: string; column: string }) => c.row === lead.to && c.column === lead.from),
    ).toBeUndefined();
    const retired = await getJson(app, '/v1/matrix?rows=action-lines&cols=entities&status=retired');
    const cell = retired.data.cells.find(
      (c: { row: string; column: string }) => c.row === lead.to && c.column === lead.from,
    );
    expect(cell?.links.map((l: { status: string }) => l.status)).toEqual(['retired']);
  });

  it("adding a lead closes that line's gap and shows in the matrix", async () => {
    const line = (await retireAnOnlyLead()).to;
    const before = await getJson<GapsBody>(app, '/v1/gaps?kind=action-lines-without-lead');
    expect(before.data['action-lines-without-lead']!.map(idOf)).toContain(line);
    const entity = entities.find((e) => e.id !== 'ITU')!.id;
    await write(
      `MATCH (e:Entity {id: $entity}), (a:ActionLine {id: $line}) CREATE (e)-[:FACILITATES ${linkProps.replace('{', "{role: 'lead', ")}]->(a)`,
      {
        entity,
        line,
      },
    );
    const after = await expectGapsAgree();
    expect(after.data['action-lines-without-lead']!.map(idOf)).not.toContain(line);
    const matrix = await getJson(app, '/v1/matrix?rows=action-lines&cols=entities');
    const cell = matrix.data.cells.find((c: { row: string; column: string }) => c.row === line && c.column === entity);
    expect(cell?.links.map((l: { role: string }) => l.role)).toContain('lead');
    expect(cell?.entities).toContainEqual({ id: entity, role: 'lead' });
  });

  it("adding an ALIGNS_WITH closes the commitment's gap, shows in the matrix (and its roll-up) and in coverage", async () => {
    const coverageBefore = await getJson(app, '/v1/coverage');
    const before = await getJson<GapsBody>(app, '/v1/gaps');
    const commitment = before.data['commitments-without-action-line']![0]!.id!;
    const objective = String(commitments.find((c) => c.id === commitment)!.objective);
    await write(
      `MATCH (a:ActionLine {id: 'C9'}), (c:GdcCommitment {id: $commitment}) CREATE (a)-[:ALIGNS_WITH ${linkProps}]->(c)`,
      { commitment },
    );
    const after = await expectGapsAgree();
    expect(after.data['commitments-without-action-line']!.map(idOf)).not.toContain(commitment);
    expect(after.meta.revision).toBe(before.meta.revision + 1);
    // The new pair is a pair gap unless someone facilitating C9 is responsible for the commitment.
    const links = await activeLinks();
    const shared = links.some(
      (f) =>
        f.type === 'FACILITATES' &&
        f.to === 'C9' &&
        links.some((r) => r.type === 'RESPONSIBLE_FOR' && r.from === f.from && r.to === commitment),
    );
    expect(after.data['aligned-pairs-without-shared-entity']!.map(idOf).includes(`C9|${commitment}`)).toBe(!shared);

    const matrix = await getJson(app, '/v1/matrix?rows=action-lines&cols=gdc-commitments');
    expect(matrix.meta.revision).toBe(after.meta.revision);
    const cell = matrix.data.cells.find(
      (c: { row: string; column: string }) => c.row === 'C9' && c.column === commitment,
    );
    expect(cell?.links).toEqual([
      {
        type: 'ALIGNS_WITH',
        status: 'endorsed',
        role: null,
        via: null,
        derived: false,
        source: { document: 'gaps test', locator: 'test', url: null },
      },
    ]);
    const byObjective = await getJson(app, '/v1/matrix?rows=action-lines&cols=gdc-objectives');
    const rolled = byObjective.data.cells.find(
      (c: { row: string; column: string }) => c.row === 'C9' && c.column === objective,
    );
    expect(rolled?.links.map((l: { via: string }) => l.via)).toContain(commitment);

    const coverageAfter = await getJson(app, '/v1/coverage');
    const o = (body: any) => body.data.objectives.find((x: { id: number }) => String(x.id) === objective);
    expect(o(coverageAfter).withActionLine).toBe(o(coverageBefore).withActionLine + 1);
    expect(coverageAfter.data.totals.withActionLine).toBe(coverageBefore.data.totals.withActionLine + 1);
  });
});

describe('GET /v1/gaps on a graph grown to 4 × the seed: every page against a full recount', () => {
  beforeAll(async () => {
    const query: RunQuery = async <T>(name: string, params: Record<string, unknown> = {}) =>
      (await driver.executeQuery(cypher(name), params)).records.map((r) => r.toObject() as T);
    await growReplicas(query, await readSeed(query), 1, 4);
    // Curation can leave a commitment without a paragraph: those sort after every numbered one.
    await write(`MATCH (c:GdcCommitment) WHERE c.id IN ['17a', '24', '129a', '332', '111a'] REMOVE c.paragraph`);
    // Variety: some links of each kind retired, so gaps open in the replicas unlike in the seed.
    await write(
      `MATCH (:RoadmapNode)-[l:SUPPORTS|ALIGNS_WITH|FACILITATES|RESPONSIBLE_FOR]->(:RoadmapNode)
       WHERE l.sourceDocument STARTS WITH 'synthetic replica 2' AND elementId(l) ENDS WITH '3'
       SET l.status = 'retired'`,
    );
    await readMembers(false);
    // GET /v1/gdc/commitments answers only commitments with a paragraph: read them from Neo4j.
    const { records } = await driver.executeQuery(
      'MATCH (c:GdcCommitment) RETURN c.id AS id, c.paragraph AS paragraph, c.letter AS letter',
    );
    commitments = records.map((r) => r.toObject() as Commitment).sort(commitmentOrder);
  }, 120_000);

  it('counts and pages of 50 walk every kind exactly as recomputed from the list endpoints', async () => {
    const expected = await expectedGaps();
    expect(commitments.filter((c) => c.paragraph === null)).toHaveLength(5);
    const expectedIds = (kind: string) =>
      kind === 'entity-workload' ? expected.workload.map((w) => w.id) : expected.ids[kind]!;
    const counts = await getJson<GapsBody>(app, '/v1/gaps?limit=0');
    for (const kind of KINDS) {
      const ids = expectedIds(kind);
      expect(counts.meta.counts[kind], kind).toBe(ids.length);
      const walked: string[] = [];
      for (let offset = 0; offset < ids.length; offset += 50) {
        const page = await getJson<GapsBody>(app, `/v1/gaps?kind=${kind}&limit=50&offset=${offset}`);
        walked.push(...page.data[kind]!.map(idOf));
      }
      expect(walked, kind).toEqual(ids);
    }
    // Those without a paragraph are among the gaps, after every numbered one.
    const noParagraph = new Set(commitments.filter((c) => c.paragraph === null).map((c) => c.id));
    const withoutLine = expected.ids['commitments-without-action-line']!;
    const unnumbered = withoutLine.filter((id) => noParagraph.has(id));
    expect(unnumbered.length).toBeGreaterThanOrEqual(3);
    expect(withoutLine.slice(-unnumbered.length)).toEqual(unnumbered);
    expect(expected.ids['sdg-targets-without-support']!.length).toBeGreaterThan(200);
  });
});
