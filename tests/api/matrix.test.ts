import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { expectProblem } from '../helpers/app.js';
import { matrixResponseSchema } from '../../src/schemas/matrix.js';
import { getJson, readAllPages, seededApp, targetOrder } from '../helpers/reference.js';

/**
 * GET /v1/matrix against the seeded graph. Every expectation is computed here, independently, from
 * /v1/links (paged through) and the list endpoints (members, a commitment's objective, a target's
 * goal) — never from the matrix's own output.
 */

interface Source {
  document: string;
  locator: string;
  url: string | null;
}
interface Link {
  type: string;
  from: string;
  fromKind: string;
  to: string;
  toKind: string;
  role: string | null;
  status: string;
  source: Source;
}
interface CellLink {
  type: string;
  status: string;
  role: string | null;
  via: string | null;
  source: Source;
  derived: boolean;
}
interface CellEntity {
  id: string;
  role: string;
  commitmentRole?: string;
}
interface Cell {
  row: string;
  column: string;
  links: CellLink[];
  entities: CellEntity[];
}
interface Matrix {
  rows: { id: string; label: string }[];
  columns: { id: string; label: string }[];
  cells: Cell[];
}

type Axis = 'action-lines' | 'gdc-commitments' | 'gdc-objectives' | 'sdgs' | 'sdg-targets' | 'entities';

const VALID: [Axis, Axis][] = [
  ['action-lines', 'gdc-commitments'],
  ['action-lines', 'gdc-objectives'],
  ['action-lines', 'sdgs'],
  ['action-lines', 'sdg-targets'],
  ['action-lines', 'entities'],
  ['gdc-commitments', 'sdgs'],
  ['gdc-commitments', 'entities'],
  ['gdc-commitments', 'action-lines'],
  ['gdc-objectives', 'sdgs'],
  ['gdc-objectives', 'entities'],
  ['gdc-objectives', 'action-lines'],
  ['entities', 'gdc-commitments'],
  ['entities', 'gdc-objectives'],
  ['entities', 'action-lines'],
];
const ROWS: Axis[] = ['action-lines', 'gdc-commitments', 'gdc-objectives', 'entities'];
const COLS: Axis[] = ['gdc-commitments', 'gdc-objectives', 'sdgs', 'sdg-targets', 'entities', 'action-lines'];
const INVALID = ROWS.flatMap((r) => COLS.map((c) => [r, c] as [Axis, Axis])).filter(
  ([r, c]) => !VALID.some(([vr, vc]) => vr === r && vc === c),
);

let app: FastifyInstance;
let driver: Driver;
let links: Link[];
const members = {} as Record<Axis, string[]>;
const objectiveOf = new Map<string, string>();
const goalOf = new Map<string, string>();

beforeAll(async () => {
  ({ app, driver } = await seededApp());
  links = (await readAllPages<Link>(app, '/v1/links', 500)).items;
  const commitments = (
    await readAllPages<{ id: string; objective: number; paragraph: number; letter: string | null }>(
      app,
      '/v1/gdc/commitments',
      500,
    )
  ).items;
  const targets = (await readAllPages<{ id: string; goal: number }>(app, '/v1/sdg-targets', 500)).items;
  for (const c of commitments) objectiveOf.set(c.id, String(c.objective));
  for (const t of targets) goalOf.set(t.id, String(t.goal));
  const list = async (url: string) =>
    (await readAllPages<{ id: string | number }>(app, url, 500)).items.map((x) => String(x.id));
  members['action-lines'] = await list('/v1/action-lines');
  members['gdc-commitments'] = [...commitments]
    .sort((a, b) => a.paragraph - b.paragraph || (a.letter ?? '').localeCompare(b.letter ?? ''))
    .map((c) => c.id);
  members['gdc-objectives'] = (await list('/v1/gdc/objectives')).sort((a, b) => Number(a) - Number(b));
  members.sdgs = (await list('/v1/sdgs')).sort((a, b) => Number(a) - Number(b));
  members['sdg-targets'] = targets.map((t) => t.id).sort(targetOrder);
  members.entities = (await list('/v1/entities')).sort();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await driver?.close();
});

// ---- the independent expectation ----

interface Expected {
  links: string[];
  entities: string[];
}
const linkSig = (l: {
  type: string;
  status: string;
  role: string | null;
  via: string | null;
  derived: boolean;
  source: Source;
}) => [l.type, l.status, l.role ?? '-', l.via ?? '-', l.derived, l.source.document, l.source.locator].join(' ¦ ');
const entitySig = (e: CellEntity) => `${e.role}${e.commitmentRole ? `/${e.commitmentRole}` : ''}:${e.id}`;

const weakest = (a: string, b: string) =>
  a === 'retired' || b === 'retired' ? 'retired' : a === 'proposed' || b === 'proposed' ? 'proposed' : 'endorsed';

/** The cells a pivot must show, from the links list alone. Key: `${row}\u0000${col}`. */
function expectedCells(
  rows: Axis,
  cols: Axis,
  statuses: string[],
  derived = false,
  entityFilter?: string,
): Map<string, Expected> {
  const active = links.filter((l) => statuses.includes(l.status));
  const of = (type: string) => active.filter((l) => l.type === type);
  const facilitators = (line: string) =>
    of('FACILITATES').filter((f) => f.to === line && (!entityFilter || f.from === entityFilter));
  const responsible = (c: string) =>
    of('RESPONSIBLE_FOR').filter((r) => r.to === c && (!entityFilter || r.from === entityFilter));
  const out = new Map<string, Expected>();
  // Cells are computed in "canonical" orientation (a = first axis below) and transposed if needed.
  const add = (
    a: string,
    b: string,
    link: Link,
    via: string | null,
    isDerived: boolean,
    status: string,
    entities: CellEntity[],
  ) => {
    const [r, c] = transposed ? [b, a] : [a, b];
    const key = `${r}\u0000${c}`;
    const cell = out.get(key) ?? { links: [], entities: [] };
    cell.links.push(
      linkSig({
        type: isDerived ? 'ALIGNS_WITH+CONTRIBUTES_TO' : link.type,
        status,
        role: link.role,
        via,
        derived: isDerived,
        source: link.source,
      }),
    );
    for (const e of entities) if (!cell.entities.includes(entitySig(e))) cell.entities.push(entitySig(e));
    out.set(key, cell);
  };
  const pair = `${rows}|${cols}`;
  const canonical: Record<string, [string, boolean]> = {
    'action-lines|gdc-commitments': ['line-commitment', false],
    'gdc-commitments|action-lines': ['line-commitment', true],
    'action-lines|gdc-objectives': ['line-objective', false],
    'gdc-objectives|action-lines': ['line-objective', true],
    'action-lines|sdgs': ['line-sdg', false],
    'action-lines|sdg-targets': ['line-target', false],
    'action-lines|entities': ['line-entity', false],
    'entities|action-lines': ['line-entity', true],
    'gdc-commitments|sdgs': ['commitment-sdg', false],
    'gdc-objectives|sdgs': ['objective-sdg', false],
    'gdc-commitments|entities': ['commitment-entity', false],
    'entities|gdc-commitments': ['commitment-entity', true],
    'gdc-objectives|entities': ['objective-entity', false],
    'entities|gdc-objectives': ['objective-entity', true],
  };
  const [kind, transposed] = canonical[pair]!;
  const shared = (line: string, c: string): CellEntity[] =>
    facilitators(line).flatMap((f) =>
      responsible(c)
        .filter((r) => r.from === f.from)
        .map((r) => ({ id: f.from, role: f.role!, commitmentRole: r.role! })),
    );
  switch (kind) {
    case 'line-commitment':
      for (const l of of('ALIGNS_WITH')) add(l.from, l.to, l, null, false, l.status, shared(l.from, l.to));
      break;
    case 'line-objective':
      for (const l of of('ALIGNS_WITH'))
        add(l.from, objectiveOf.get(l.to)!, l, l.to, false, l.status, shared(l.from, l.to));
      break;
    case 'line-sdg':
      for (const l of of('SUPPORTS')) {
        const fac = facilitators(l.from).map((f) => ({ id: f.from, role: f.role! }));
        if (l.toKind === 'Sdg') add(l.from, l.to, l, null, false, l.status, fac);
        else add(l.from, goalOf.get(l.to)!, l, l.to, false, l.status, fac);
      }
      if (derived) {
        for (const a of of('ALIGNS_WITH')) {
          for (const k of of('CONTRIBUTES_TO').filter((k) => k.from === a.to)) {
            add(
              a.from,
              k.to,
              a,
              a.to,
              true,
              weakest(a.status, k.status),
              facilitators(a.from).map((f) => ({ id: f.from, role: f.role! })),
            );
          }
        }
      }
      break;
    case 'line-target':
      for (const l of of('SUPPORTS').filter((l) => l.toKind === 'SdgTarget')) {
        add(
          l.from,
          l.to,
          l,
          null,
          false,
          l.status,
          facilitators(l.from).map((f) => ({ id: f.from, role: f.role! })),
        );
      }
      break;
    case 'line-entity':
      for (const l of of('FACILITATES')) add(l.to, l.from, l, null, false, l.status, [{ id: l.from, role: l.role! }]);
      break;
    case 'commitment-sdg':
      for (const l of of('CONTRIBUTES_TO'))
        add(
          l.from,
          l.to,
          l,
          null,
          false,
          l.status,
          responsible(l.from).map((r) => ({ id: r.from, role: r.role! })),
        );
      break;
    case 'objective-sdg':
      for (const l of of('CONTRIBUTES_TO')) {
        add(
          objectiveOf.get(l.from)!,
          l.to,
          l,
          l.from,
          false,
          l.status,
          responsible(l.from).map((r) => ({ id: r.from, role: r.role! })),
        );
      }
      break;
    case 'commitment-entity':
      for (const l of of('RESPONSIBLE_FOR'))
        add(l.to, l.from, l, null, false, l.status, [{ id: l.from, role: l.role! }]);
      break;
    case 'objective-entity':
      for (const l of of('RESPONSIBLE_FOR'))
        add(objectiveOf.get(l.to)!, l.from, l, l.to, false, l.status, [{ id: l.from, role: l.role! }]);
      break;
  }
  return out;
}

function actualCells(matrix: Matrix): Map<string, Expected> {
  return new Map(
    matrix.cells.map((c) => [
      `${c.row}\u0000${c.column}`,
      { links: c.links.map(linkSig), entities: c.entities.map(entitySig) },
    ]),
  );
}

const sortedCells = (m: Map<string, Expected>) =>
  Object.fromEntries(
    [...m.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, { links: [...v.links].sort(), entities: [...v.entities].sort() }]),
  );

async function matrix(query: string): Promise<{
  data: Matrix;
  meta: { rows: string; cols: string; revision: number; status: string[]; derived: boolean };
}> {
  return getJson(app, `/v1/matrix${query ? `?${query}` : ''}`);
}

// ---- tests ----

describe('GET /v1/matrix: JSON', () => {
  it('defaults to action-lines × gdc-commitments over every non-retired link', async () => {
    const body = await matrix('');
    expect(body.meta).toMatchObject({
      rows: 'action-lines',
      cols: 'gdc-commitments',
      status: ['proposed', 'endorsed'],
      derived: false,
    });
    expect(body.data.rows.map((r) => r.id)).toEqual(members['action-lines']);
    expect(body.data.columns.map((c) => c.id)).toEqual(members['gdc-commitments']);
    expect(body.data.cells.length).toBeGreaterThan(0);
  });

  it.each(VALID)('rows=%s × cols=%s agrees with /v1/links (members, cells, links, entities)', async (rows, cols) => {
    const body = await matrix(`rows=${rows}&cols=${cols}`);
    // The route sends the body as built (no response validation): it must be exactly the schema's shape.
    expect(matrixResponseSchema.parse(body)).toEqual(body);
    expect(body.data.rows.map((r) => r.id)).toEqual(members[rows]);
    expect(body.data.columns.map((c) => c.id)).toEqual(members[cols]);
    for (const m of [...body.data.rows, ...body.data.columns]) expect(m.label.length).toBeGreaterThan(0);
    const expected = expectedCells(rows, cols, ['proposed', 'endorsed']);
    expect(expected.size).toBeGreaterThan(0);
    expect(sortedCells(actualCells(body.data))).toEqual(sortedCells(expected));
    // Sparse, in row-then-column order, every cell non-empty.
    const pos = (c: Cell) => members[rows].indexOf(c.row) * 10_000 + members[cols].indexOf(c.column);
    const positions = body.data.cells.map(pos);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const c of body.data.cells) expect(c.links.length).toBeGreaterThan(0);
  });

  it('derived=true adds line → commitment → SDG cells marked derived, and keeps the direct ones', async () => {
    const plain = await matrix('rows=action-lines&cols=sdgs');
    const body = await matrix('rows=action-lines&cols=sdgs&derived=true');
    const expected = expectedCells('action-lines', 'sdgs', ['proposed', 'endorsed'], true);
    expect(matrixResponseSchema.parse(body)).toEqual(body);
    expect(sortedCells(actualCells(body.data))).toEqual(sortedCells(expected));
    const derivedLinks = body.data.cells.flatMap((c) => c.links.filter((l) => l.derived));
    expect(derivedLinks.length).toBeGreaterThan(0);
    for (const l of derivedLinks) expect(l.type).toBe('ALIGNS_WITH+CONTRIBUTES_TO');
    expect(body.data.cells.flatMap((c) => c.links.filter((l) => !l.derived)).length).toBe(
      plain.data.cells.flatMap((c) => c.links).length,
    );
  });

  it('the goal roll-up names the target in `via`; direct goal links have via null', async () => {
    const body = await matrix('rows=action-lines&cols=sdgs');
    const all = body.data.cells.flatMap((c) => c.links.map((l) => ({ ...l, column: c.column })));
    const viaTarget = all.filter((l) => l.via !== null);
    expect(viaTarget.length).toBeGreaterThan(0);
    for (const l of viaTarget) expect(goalOf.get(l.via!)).toBe(l.column);
  });

  it('status=endorsed / status=proposed compute the matrix over links of that status only', async () => {
    for (const status of ['endorsed', 'proposed']) {
      for (const [rows, cols] of [
        ['action-lines', 'sdgs'],
        ['action-lines', 'entities'],
        ['gdc-commitments', 'sdgs'],
      ] as [Axis, Axis][]) {
        const body = await matrix(`rows=${rows}&cols=${cols}&status=${status}`);
        expect(body.meta.status).toEqual([status]);
        expect(sortedCells(actualCells(body.data))).toEqual(sortedCells(expectedCells(rows, cols, [status])));
        for (const c of body.data.cells) for (const l of c.links) expect(l.status).toBe(status);
      }
    }
  });

  it('objective narrows commitments (and objectives); cells stay those of the narrowed columns', async () => {
    const body = await matrix('rows=action-lines&cols=gdc-commitments&objective=1');
    const inObjective = members['gdc-commitments'].filter((c) => objectiveOf.get(c) === '1');
    expect(body.data.columns.map((c) => c.id)).toEqual(inObjective);
    expect(body.data.rows.map((r) => r.id)).toEqual(members['action-lines']);
    const expected = new Map(
      [...expectedCells('action-lines', 'gdc-commitments', ['proposed', 'endorsed'])].filter(([k]) =>
        inObjective.includes(k.split('\u0000')[1]!),
      ),
    );
    expect(sortedCells(actualCells(body.data))).toEqual(sortedCells(expected));
    const objectives = await matrix('rows=gdc-objectives&cols=sdgs&objective=3');
    expect(objectives.data.rows.map((r) => r.id)).toEqual(['3']);
  });

  it('goal narrows goals and targets', async () => {
    const targets = await matrix('rows=action-lines&cols=sdg-targets&goal=5');
    const goal5 = members['sdg-targets'].filter((t) => goalOf.get(t) === '5');
    expect(targets.data.columns.map((c) => c.id)).toEqual(goal5);
    const expected = new Map(
      [...expectedCells('action-lines', 'sdg-targets', ['proposed', 'endorsed'])].filter(([k]) =>
        goal5.includes(k.split('\u0000')[1]!),
      ),
    );
    expect(sortedCells(actualCells(targets.data))).toEqual(sortedCells(expected));
    const sdgs = await matrix('rows=action-lines&cols=sdgs&goal=9');
    expect(sdgs.data.columns.map((c) => c.id)).toEqual(['9']);
    for (const c of sdgs.data.cells) expect(c.column).toBe('9');
  });

  it('entity narrows entities to it and lines to those it facilitates; cell entities are only it', async () => {
    const busiest = [...new Set(links.filter((l) => l.type === 'FACILITATES').map((l) => l.from))]
      .map((e) => ({
        e,
        n: links.filter((l) => l.type === 'FACILITATES' && l.from === e && l.status !== 'retired').length,
      }))
      .sort((a, b) => b.n - a.n)[0]!.e;
    const itsLines = members['action-lines'].filter((a) =>
      links.some((l) => l.type === 'FACILITATES' && l.from === busiest && l.to === a && l.status !== 'retired'),
    );
    const byEntity = await matrix(`rows=action-lines&cols=entities&entity=${encodeURIComponent(busiest)}`);
    expect(byEntity.data.columns.map((c) => c.id)).toEqual([busiest]);
    expect(byEntity.data.rows.map((r) => r.id)).toEqual(itsLines);
    expect(byEntity.data.cells.map((c) => c.row)).toEqual(itsLines);
    const sdgs = await matrix(`rows=action-lines&cols=sdgs&entity=${encodeURIComponent(busiest)}`);
    expect(sdgs.data.rows.map((r) => r.id)).toEqual(itsLines);
    const expected = new Map(
      [...expectedCells('action-lines', 'sdgs', ['proposed', 'endorsed'], false, busiest)].filter(([k]) =>
        itsLines.includes(k.split('\u0000')[0]!),
      ),
    );
    expect(sortedCells(actualCells(sdgs.data))).toEqual(sortedCells(expected));
    for (const c of sdgs.data.cells) for (const e of c.entities) expect(e.id).toBe(busiest);
  });
});

describe('GET /v1/matrix: errors', () => {
  it('unknown rows / cols / status / objective / goal → 400 listing the allowed values', async () => {
    const cases: [string, string, string[]][] = [
      ['rows=sections', 'query.rows', ['action-lines', 'gdc-commitments', 'gdc-objectives', 'entities']],
      [
        'cols=indicators',
        'query.cols',
        ['gdc-commitments', 'gdc-objectives', 'sdgs', 'sdg-targets', 'entities', 'action-lines'],
      ],
      ['status=draft', 'query.status', ['proposed', 'endorsed', 'retired']],
      ['objective=6', 'query.objective', ['1', '5']],
      ['goal=18', 'query.goal', ['1', '17']],
      ['format=pdf', 'query.format', ['json', 'csv', 'xlsx']],
    ];
    for (const [query, path, allowed] of cases) {
      const response = await app.inject({ method: 'GET', url: `/v1/matrix?${query}` });
      expect(response.statusCode, query).toBe(400);
      const problem = expectProblem(response);
      const error = problem.errors?.find((e) => e.path === path);
      expect(error, `${query}: ${response.body}`).toBeDefined();
      // Enumerations quote each allowed value; integer ranges name their bounds.
      const numeric = path === 'query.objective' || path === 'query.goal';
      for (const value of allowed) expect(error!.message).toContain(numeric ? value : `"${value}"`);
    }
  });

  it.each(INVALID)('rows=%s × cols=%s makes no sense → 400 naming why', async (rows, cols) => {
    const response = await app.inject({ method: 'GET', url: `/v1/matrix?rows=${rows}&cols=${cols}` });
    expect(response.statusCode).toBe(400);
    const problem = expectProblem(response);
    expect(problem.detail).toContain(`rows=${rows}`);
    expect(problem.detail).toContain('makes no sense');
    expect(problem.errors?.[0]?.path).toBe('query.cols');
  });

  it('filters that narrow nothing the pivot uses, derived off its pivot, unknown entity, unknown parameter → 400', async () => {
    const cases: [string, string][] = [
      ['rows=action-lines&cols=entities&goal=5', 'query.goal'],
      ['rows=action-lines&cols=sdg-targets&objective=2', 'query.objective'],
      ['rows=action-lines&cols=sdgs&objective=2', 'query.objective'],
      ['rows=action-lines&cols=gdc-commitments&derived=true', 'query.derived'],
      ['entity=NO-SUCH-ENTITY', 'query.entity'],
      ['colour=blue', 'query'],
    ];
    for (const [query, path] of cases) {
      const response = await app.inject({ method: 'GET', url: `/v1/matrix?${query}` });
      expect(response.statusCode, query).toBe(400);
      const problem = expectProblem(response);
      const named = problem.errors?.find((e) => e.path === path);
      expect(named, query).toBeDefined();
      // The unknown parameter is named in its message (its path is the query as a whole).
      if (query === 'colour=blue') expect(named!.message).toContain('colour');
    }
    const ok = await app.inject({
      method: 'GET',
      url: '/v1/matrix?rows=action-lines&cols=sdgs&derived=true&objective=2',
    });
    expect(ok.statusCode).toBe(200);
  });

  it('an Accept that allows none of JSON, CSV, XLSX → 406 problem+json', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/matrix', headers: { accept: 'application/xml' } });
    expect(response.statusCode).toBe(406);
    expect(expectProblem(response).detail).toContain('text/csv');
  });
});

/** The documented compact cell text, re-implemented from the route description. */
const cellTextOf = (cell: Cell | undefined) =>
  !cell
    ? ''
    : cell.links.map((l) => `${l.status}${l.via ? `@${l.via}` : ''}${l.derived ? '(derived)' : ''}`).join('|') +
      cell.entities.map((e) => `;${e.role}${e.commitmentRole ? `/${e.commitmentRole}` : ''}:${e.id}`).join('');

describe('GET /v1/matrix: CSV and XLSX', () => {
  it.each([
    ['rows=action-lines&cols=gdc-commitments', 'format=csv', {}],
    ['rows=action-lines&cols=sdgs&derived=true', '', { accept: 'text/csv' }],
    ['rows=entities&cols=action-lines', 'format=csv', {}],
    ['rows=action-lines&cols=sdg-targets', 'format=csv', {}],
  ] as [string, string, Record<string, string>][])(
    '%s as CSV parses back to the JSON matrix',
    async (query, format, headers) => {
      const json = await matrix(query);
      const response = await app.inject({
        method: 'GET',
        url: `/v1/matrix?${query}${format ? `&${format}` : ''}`,
        headers,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
      expect(response.body).toContain('\r\n');
      const records = parse(response.body, { relax_column_count: false }) as string[][];
      expect(records[0]).toEqual(['row', ...json.data.columns.map((c) => c.id)]);
      expect(records.slice(1).map((r) => r[0])).toEqual(json.data.rows.map((r) => r.id));
      const byKey = new Map(json.data.cells.map((c) => [`${c.row}\u0000${c.column}`, c]));
      let nonEmpty = 0;
      for (const record of records.slice(1)) {
        json.data.columns.forEach((col, i) => {
          const cell = byKey.get(`${record[0]}\u0000${col.id}`);
          expect(record[i + 1]).toBe(cellTextOf(cell));
          if (record[i + 1]) nonEmpty += 1;
        });
      }
      expect(nonEmpty).toBe(json.data.cells.length);
    },
  );

  it('Accept negotiates: the xlsx media type gives a workbook, */* gives JSON', async () => {
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const workbook = await app.inject({ method: 'GET', url: '/v1/matrix', headers: { accept: xlsx } });
    expect(workbook.statusCode).toBe(200);
    expect(workbook.headers['content-type']).toBe(xlsx);
    const any = await app.inject({ method: 'GET', url: '/v1/matrix', headers: { accept: '*/*' } });
    expect(any.headers['content-type']).toMatch(/^application\/json/);
  });

  it('JSON and CSV of the same matrix have different ETags', async () => {
    const a = await app.inject({ method: 'GET', url: '/v1/matrix' });
    const b = await app.inject({ method: 'GET', url: '/v1/matrix?format=csv' });
    expect(a.headers.etag).not.toBe(b.headers.etag);
    expect(String(a.headers.vary)).toMatch(/accept/i);
  });

  it('format=xlsx is a workbook: Matrix sheet (frozen ids and labels) and Links sheet with sources', async () => {
    const query = 'rows=action-lines&cols=sdgs&derived=true';
    const json = await matrix(query);
    const response = await app.inject({ method: 'GET', url: `/v1/matrix?${query}&format=xlsx` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename=".+\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Matrix')!;
    expect(sheet).toBeDefined();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header.slice(2)).toEqual(json.data.columns.map((c) => c.id));
    const labels = (sheet.getRow(2).values as unknown[]).slice(3).map(String);
    expect(labels).toEqual(json.data.columns.map((c) => c.label));
    const byKey = new Map(json.data.cells.map((c) => [`${c.row}\u0000${c.column}`, c]));
    json.data.rows.forEach((row, r) => {
      const excelRow = sheet.getRow(r + 3);
      expect(excelRow.getCell(1).value).toBe(row.id);
      expect(excelRow.getCell(2).value).toBe(row.label);
      json.data.columns.forEach((col, c) => {
        const value = excelRow.getCell(c + 3).value;
        expect(value === null ? '' : String(value)).toBe(cellTextOf(byKey.get(`${row.id}\u0000${col.id}`)));
      });
    });
    const linksSheet = workbook.getWorksheet('Links')!;
    const totalLinks = json.data.cells.reduce((n, c) => n + c.links.length, 0);
    expect(linksSheet.actualRowCount).toBe(totalLinks + 1);
    const linkHeader = (linksSheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(linkHeader).toEqual(
      expect.arrayContaining(['status', 'source document', 'source locator', 'source URL', 'via', 'derived']),
    );
    const docCol = linkHeader.indexOf('source document') + 1;
    const documents = new Set(json.data.cells.flatMap((c) => c.links.map((l) => l.source.document)));
    for (let i = 2; i <= totalLinks + 1; i += 1)
      expect(documents.has(String(linksSheet.getRow(i).getCell(docCol).value))).toBe(true);
    expect(linksSheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});
