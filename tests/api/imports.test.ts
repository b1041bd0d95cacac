import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import { editingFixture, etagOf, graphState, type EditingFixture } from '../helpers/editing.js';

interface LineDetail {
  facilitators: { entityId: string; role: string; status: string }[];
  commitments: { commitmentId: string; status: string }[];
  targets: { targetId: string; status: string }[];
}

const csvOf = (rows: Record<string, string | undefined>[]) => {
  const header = ['type', 'from', 'to', 'role', 'status', 'source', 'rationale', 'op'];
  const cell = (v: string | undefined) => (v && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : (v ?? ''));
  return `${[header.join(','), ...rows.map((r) => header.map((h) => cell(r[h])).join(','))].join('\r\n')}\r\n`;
};

describe('bulk import (POST /v1/imports)', () => {
  let f: EditingFixture;
  let entities: string[];
  let commitments: string[];
  beforeAll(async () => {
    f = await editingFixture();
    entities = (await f.app.inject({ method: 'GET', url: '/v1/entities?limit=500' }))
      .json()
      .data.map((e: { id: string }) => e.id);
    commitments = (await f.app.inject({ method: 'GET', url: '/v1/gdc/commitments?limit=500' }))
      .json()
      .data.map((c: { id: string }) => c.id);
    expect(commitments.length).toBeGreaterThan(10);
  });
  afterAll(async () => f.close());

  const line = async (id: string) => {
    const r = await f.app.inject({ method: 'GET', url: `/v1/action-lines/${id}` });
    return { etag: r.headers.etag as string, data: r.json().data as LineDetail };
  };
  const post = (payload: unknown, query = '', contentType = 'application/json') =>
    f.app.inject({
      method: 'POST',
      url: `/v1/imports${query}`,
      headers: { ...f.as('editor'), 'content-type': contentType },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  /** Rows touching C9, built from its current state: 3 added, 1 changed, 1 removed, 1 unchanged. */
  async function c9Rows(): Promise<Record<string, string | undefined>[]> {
    const { data } = await line('C9');
    const facilitating = new Set(data.facilitators.map((x) => x.entityId));
    const newEntity = entities.find((e) => !facilitating.has(e))!;
    const aligned = new Set(data.commitments.map((c) => c.commitmentId));
    const newCommitment = commitments.find((c) => !aligned.has(c))!;
    const supported = data.targets;
    expect(supported.length).toBeGreaterThanOrEqual(2);
    const newTarget = ['17.6', '17.7', '17.8', '9.c', '4.4'].find((t) => !supported.some((s) => s.targetId === t))!;
    const existing = data.facilitators[0]!;
    const toChange = supported[0]!;
    const toRemove = supported[1]!;
    return [
      {
        type: 'FACILITATES',
        from: newEntity,
        to: 'C9',
        role: 'co',
        source: 'Roadmap draft|Row C9, "media"|https://example.org/roadmap',
        rationale: 'Proposed, with a comma',
      },
      { type: 'ALIGNS_WITH', from: 'C9', to: newCommitment, source: 'Roadmap draft|Row C9|' },
      { type: 'SUPPORTS', from: 'C9', to: newTarget, status: 'endorsed', source: 'Roadmap draft|Row C9|' },
      { type: 'FACILITATES', from: existing.entityId, to: 'C9', role: existing.role },
      {
        type: 'SUPPORTS',
        from: 'C9',
        to: toChange.targetId,
        status: toChange.status === 'retired' ? 'proposed' : 'retired',
      },
      { type: 'SUPPORTS', from: 'C9', to: toRemove.targetId, op: 'delete' },
    ];
  }

  it('a dry run reports added/changed/removed/unchanged with row numbers and writes nothing (ETag unchanged)', async () => {
    const rows = await c9Rows();
    const before = await graphState(f.driver);
    const etagBefore = (await line('C9')).etag;
    const response = await post({ rows }, '?dryRun=true');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.dryRun).toBe(true);
    expect(body.revision).toBe(before.revision);
    expect(body.summary).toEqual({ rows: 6, added: 3, changed: 1, removed: 1, unchanged: 1, errors: 0 });
    expect(body.added.map((d: { row: number }) => d.row)).toEqual([1, 2, 3]);
    expect(body.changed[0]).toMatchObject({
      row: 5,
      type: 'SUPPORTS',
      before: { status: expect.any(String) },
      after: { status: rows[4]!.status },
    });
    expect(body.removed[0]).toMatchObject({ row: 6, op: 'delete', after: null });
    expect(body.unchanged[0].row).toBe(4);
    expect(body.added[0].after.source).toEqual({
      document: 'Roadmap draft',
      locator: 'Row C9, "media"',
      url: 'https://example.org/roadmap',
    });
    expect(await graphState(f.driver)).toEqual(before);
    expect((await line('C9')).etag).toBe(etagBefore);
  });

  it('a CSV import applies every row in one transaction: one revision, one Change per changed row plus one for the import', async () => {
    const rows = await c9Rows();
    const before = await graphState(f.driver);
    const response = await post(csvOf(rows), '?reason=roadmap%20review', 'text/csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers.etag).toBe(etagOf(before.revision + 1));
    expect(response.json()).toMatchObject({
      dryRun: false,
      revision: before.revision + 1,
      summary: { added: 3, changed: 1, removed: 1, unchanged: 1, errors: 0 },
    });
    expect(await graphState(f.driver)).toEqual({ revision: before.revision + 1, changes: before.changes + 5 + 1 });

    const { data } = await line('C9');
    expect(data.facilitators).toContainEqual(
      expect.objectContaining({ entityId: rows[0]!.from, role: 'co', status: 'proposed' }),
    );
    expect(data.commitments.map((c) => c.commitmentId)).toContain(rows[1]!.to);
    expect(data.targets).toContainEqual(expect.objectContaining({ targetId: rows[2]!.to, status: 'endorsed' }));
    expect(data.targets).toContainEqual(expect.objectContaining({ targetId: rows[4]!.to, status: rows[4]!.status }));
    expect(data.targets.map((t) => t.targetId)).not.toContain(rows[5]!.to);

    const log = await f.app.inject({
      method: 'GET',
      url: `/v1/changes?since=${before.revision}`,
      headers: f.as('viewer'),
    });
    const changes = log.json().data as { action: string; target: string; reason: string; actor: string; after: any }[];
    expect(changes[0]).toMatchObject({
      action: 'import',
      actor: 'test-editor',
      reason: 'roadmap review',
      after: { rows: 6, added: 3, changed: 1, removed: 1, unchanged: 1 },
    });
    expect(
      changes
        .slice(1)
        .map((c) => c.action)
        .sort(),
    ).toEqual(['alignment.put', 'facilitator.put', 'sdg-target.delete', 'sdg-target.put', 'sdg-target.put']);
    for (const c of changes.slice(1)) expect(c.reason).toMatch(/^import [0-9a-f-]{36}: roadmap review$/);

    // The same import again changes nothing: no revision, no Change.
    const again = await post(csvOf(rows.slice(0, 5)), '', 'text/csv');
    expect(again.statusCode).toBe(200);
    expect(again.json().summary).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 5 });
    expect(await graphState(f.driver)).toEqual({ revision: before.revision + 1, changes: before.changes + 6 });
  });

  it('a failing import writes nothing: 422 listing every row error, revision unchanged, no change rows', async () => {
    const c3 = (await line('C3')).data;
    const free = entities.find((e) => !c3.facilitators.some((x) => x.entityId === e))!;
    const target = ['4.4', '17.6', '9.c', '5.b', '1.4'].find((t) => !c3.targets.some((x) => x.targetId === t))!;
    const rows = [
      { type: 'SUPPORTS', from: 'C3', to: target, source: 'Good row|1|' },
      { type: 'FRIENDS_WITH', from: 'C3', to: target, source: 'x|y|' },
      { type: 'FACILITATES', from: 'NOT-AN-ENTITY', to: 'C3', role: 'co', source: 'x|y|' },
      { type: 'ALIGNS_WITH', from: 'C3', to: commitments.find((c) => c !== '11a')! },
      { type: 'FACILITATES', from: free, to: 'C3', role: 'boss', status: 'maybe', source: 'x|y|ftp://nope' },
      { type: 'SUPPORTS', from: 'C3', to: target, source: 'Duplicate|1|' },
    ];
    const before = await graphState(f.driver);
    const etag = (await line('C3')).etag;
    const reported: { row: number; path: string; message: string }[][] = [];
    for (const [payload, contentType] of [
      [JSON.stringify({ rows }), 'application/json'],
      [csvOf(rows), 'text/csv'],
    ] as const) {
      const response = await post(payload, '', contentType);
      expect(response.statusCode, response.body).toBe(422);
      const errors = expectProblem(response).errors as unknown as { row: number; path: string; message: string }[];
      reported.push(errors);
      const rowsWithErrors = [...new Set(errors.map((e) => e.row))];
      expect(rowsWithErrors.sort()).toEqual(expect.arrayContaining([2, 3, 5, 6]));
      expect(errors.map((e) => e.path)).toEqual(
        expect.arrayContaining([
          'rows.2.type',
          'rows.3.from',
          'rows.5.role',
          'rows.5.status',
          'rows.5.source',
          'rows.6',
        ]),
      );
      // Row 4 (a new alignment without a source) is reported too, unless ALIGNS_WITH already exists.
      expect(errors.some((e) => e.row === 1)).toBe(false);
    }
    expect(await graphState(f.driver)).toEqual(before);
    expect((await line('C3')).etag).toBe(etag);
    expect((await line('C3')).data.targets.map((t) => t.targetId)).not.toContain(target);

    // CSV and JSON forms of the same rows get the same errors.
    expect(reported[1]).toEqual(reported[0]);

    // The same rows as a dry run: 200, exactly the errors of the failed import, still nothing written.
    const dry = await post({ rows }, '?dryRun=1');
    expect(dry.statusCode).toBe(200);
    expect(dry.json().errors).toEqual(reported[0]);
    expect(dry.json().summary.errors).toBe(reported[0]!.length);
    expect(await graphState(f.driver)).toEqual(before);
  });

  it('one lead per action line across the whole import', async () => {
    const { data } = await line('C10');
    const lead = data.facilitators.find((x) => x.role === 'lead')!.entityId;
    const challenger = entities.find((e) => !data.facilitators.some((x) => x.entityId === e))!;
    const before = await graphState(f.driver);
    const conflict = await post({
      rows: [{ type: 'FACILITATES', from: challenger, to: 'C10', role: 'lead', source: 'Decision|1|' }],
    });
    expect(conflict.statusCode).toBe(422);
    expect(expectProblem(conflict).errors?.[0]?.message).toContain(lead);
    expect(await graphState(f.driver)).toEqual(before);

    const swap = await post({
      rows: [
        {
          type: 'FACILITATES',
          from: challenger,
          to: 'C10',
          role: 'lead',
          source: { document: 'Decision', locator: '1', url: null },
        },
        { type: 'FACILITATES', from: lead, to: 'C10', role: 'co' },
      ],
    });
    expect(swap.statusCode, swap.body).toBe(200);
    const after = (await line('C10')).data.facilitators;
    expect(after.filter((x) => x.role === 'lead').map((x) => x.entityId)).toEqual([challenger]);
    expect(after.find((x) => x.entityId === lead)?.role).toBe('co');
  });

  it('rejects bad CSV headers, unknown JSON fields and text/csv on other routes', async () => {
    const before = await graphState(f.driver);
    const header = await post('type,from,to,colour\nSUPPORTS,C1,1.1,red\n', '', 'text/csv');
    expect(header.statusCode).toBe(422);
    expect(expectProblem(header).errors).toContainEqual(expect.objectContaining({ row: 0, path: 'header.colour' }));

    const unknownField = await post({ rows: [{ type: 'SUPPORTS', from: 'C1', to: '1.1', colour: 'red' }] });
    expect(unknownField.statusCode).toBe(422);
    expect(expectProblem(unknownField).errors).toContainEqual(
      expect.objectContaining({ row: 1, path: 'rows.1.colour' }),
    );

    const topLevel = await post({ rows: [], extra: 1 });
    expect(topLevel.statusCode).toBe(400);
    expectProblem(topLevel);

    const csvElsewhere = await f.app.inject({
      method: 'POST',
      url: '/v1/entities',
      headers: { ...f.as('admin'), 'content-type': 'text/csv' },
      payload: 'id,name\nX,Y\n',
    });
    expect(csvElsewhere.statusCode).toBe(415);
    expectProblem(csvElsewhere);
    expect(await graphState(f.driver)).toEqual(before);
  });
});
