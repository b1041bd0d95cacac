import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import { editingFixture, etagOf, graphState, testSource, type EditingFixture } from '../helpers/editing.js';

interface Facilitator {
  entityId: string;
  role: string;
  status: string;
  rationale: string | null;
  source: { document: string; locator: string; url: string | null };
}
interface Change {
  id: string;
  actor: string;
  role: string;
  action: string;
  target: string;
  before: any;
  after: any;
  reason: string | null;
  revision: number;
}

describe('editing the roadmap: assignments and mappings', () => {
  let f: EditingFixture;
  let entities: string[];
  beforeAll(async () => {
    f = await editingFixture();
    const list = await f.app.inject({ method: 'GET', url: '/v1/entities?limit=500' });
    expect(list.statusCode).toBe(200);
    entities = list.json().data.map((e: { id: string }) => e.id);
    expect(entities.length).toBeGreaterThan(5);
  });
  afterAll(async () => f.close());

  const line = async (id: string) => {
    const response = await f.app.inject({ method: 'GET', url: `/v1/action-lines/${id}` });
    expect(response.statusCode).toBe(200);
    return {
      etag: response.headers.etag as string,
      data: response.json().data as { facilitators: Facilitator[]; commitments: any[]; targets: any[] },
    };
  };
  const changesFor = async (target: string): Promise<Change[]> => {
    const response = await f.app.inject({
      method: 'GET',
      url: `/v1/changes?target=${encodeURIComponent(target)}`,
      headers: f.as('viewer'),
    });
    expect(response.statusCode).toBe(200);
    return response.json().data;
  };
  const matrixCell = async (row: string, column: string) => {
    const response = await f.app.inject({ method: 'GET', url: '/v1/matrix?rows=action-lines&cols=entities' });
    expect(response.statusCode).toBe(200);
    return (
      response.json().data.cells as { row: string; column: string; links: { type: string; role: string | null }[] }[]
    ).find((c) => c.row === row && c.column === column);
  };
  /** An entity that does not facilitate the line yet. */
  const outsider = async (lineId: string, skip: string[] = []) => {
    const current = new Set((await line(lineId)).data.facilitators.map((x) => x.entityId));
    const id = entities.find((e) => !current.has(e) && !skip.includes(e));
    expect(id).toBeDefined();
    return id!;
  };

  it('assign → visible in the action line, the matrix and the change log → unassign', async () => {
    const entity = await outsider('C2');
    const before = await line('C2');
    const { revision } = await graphState(f.driver);
    expect(before.etag).toBe(etagOf(revision));

    const put = await f.app.inject({
      method: 'PUT',
      url: `/v1/action-lines/C2/facilitators/${encodeURIComponent(entity)}`,
      headers: { ...f.as('editor'), 'if-match': before.etag },
      payload: { role: 'co', source: testSource, rationale: 'Test assignment', reason: 'UNGIS test meeting' },
    });
    expect(put.statusCode, put.body).toBe(201);
    expect(put.headers.etag).toBe(etagOf(revision + 1));
    expect(put.json().data).toMatchObject({
      type: 'FACILITATES',
      from: entity,
      to: 'C2',
      role: 'co',
      status: 'proposed',
      rationale: 'Test assignment',
      source: testSource,
      createdBy: 'test-editor',
    });
    expect(Date.parse(put.json().data.createdAt)).not.toBeNaN();

    const after = await line('C2');
    expect(after.etag).toBe(put.headers.etag);
    expect(after.data.facilitators).toContainEqual(
      expect.objectContaining({ entityId: entity, role: 'co', status: 'proposed', source: testSource }),
    );
    expect(after.data.facilitators.length).toBe(before.data.facilitators.length + 1);

    const cell = await matrixCell('C2', entity);
    expect(cell?.links).toContainEqual(expect.objectContaining({ type: 'FACILITATES', role: 'co' }));

    const target = `action-lines/C2/facilitators/${entity}`;
    const [change, ...rest] = await changesFor(target);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({
      actor: 'test-editor',
      role: 'editor',
      action: 'facilitator.put',
      target,
      before: null,
      reason: 'UNGIS test meeting',
      revision: revision + 1,
    });
    expect(change!.after).toMatchObject({ role: 'co', from: entity, to: 'C2' });

    const del = await f.app.inject({
      method: 'DELETE',
      url: `/v1/action-lines/C2/facilitators/${encodeURIComponent(entity)}?reason=undo`,
      headers: f.as('editor'),
    });
    expect(del.statusCode).toBe(204);
    expect(del.headers.etag).toBe(etagOf(revision + 2));
    expect((await line('C2')).data.facilitators.map((x) => x.entityId)).not.toContain(entity);
    expect(await matrixCell('C2', entity)).toBeUndefined();
    const log = await changesFor(target);
    expect(log.map((c) => c.action)).toEqual(['facilitator.delete', 'facilitator.put']);
    expect(log[0]).toMatchObject({ after: null, reason: 'undo', revision: revision + 2 });
    expect(log[0]!.before).toMatchObject({ role: 'co' });

    // Deleting it again: 404 naming the link, nothing written.
    const again = await f.app.inject({
      method: 'DELETE',
      url: `/v1/action-lines/C2/facilitators/${encodeURIComponent(entity)}`,
      headers: f.as('editor'),
    });
    expect(again.statusCode).toBe(404);
    expect(expectProblem(again).detail).toContain(entity);
  });

  it('the same PUT twice changes nothing the second time: one change, the revision does not move', async () => {
    const entity = await outsider('C3');
    const url = `/v1/action-lines/C3/facilitators/${encodeURIComponent(entity)}`;
    const payload = { role: 'partner', status: 'endorsed', source: testSource };
    const first = await f.app.inject({ method: 'PUT', url, headers: f.as('editor'), payload });
    expect(first.statusCode).toBe(201);
    const state = await graphState(f.driver);
    const second = await f.app.inject({ method: 'PUT', url, headers: f.as('editor'), payload });
    expect(second.statusCode).toBe(200);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.json().data).toEqual(first.json().data);
    expect(await graphState(f.driver)).toEqual(state);
    expect(await changesFor(`action-lines/C3/facilitators/${entity}`)).toHaveLength(1);

    // Omitting the source on an update keeps it; changing the status is a change.
    const update = await f.app.inject({
      method: 'PUT',
      url,
      headers: f.as('editor'),
      payload: { role: 'partner', status: 'proposed' },
    });
    expect(update.statusCode).toBe(200);
    expect(update.json().data).toMatchObject({
      status: 'proposed',
      source: testSource,
      createdBy: 'test-editor',
      updatedBy: 'test-editor',
    });
    expect(update.json().data.createdAt).toBe(first.json().data.createdAt);
    expect(update.headers.etag).toBe(etagOf(state.revision + 1));
  });

  it('one lead per action line: 409 naming the current lead, replaceLead demotes it to co in the same write', async () => {
    const current = (await line('C4')).data.facilitators
      .filter((x) => x.role === 'lead' && x.status !== 'retired')
      .map((x) => x.entityId);
    expect(current).toHaveLength(1);
    const lead = current[0]!;
    const challenger = await outsider('C4');
    const url = `/v1/action-lines/C4/facilitators/${encodeURIComponent(challenger)}`;
    const state = await graphState(f.driver);

    const refused = await f.app.inject({
      method: 'PUT',
      url,
      headers: f.as('editor'),
      payload: { role: 'lead', source: testSource },
    });
    expect(refused.statusCode).toBe(409);
    const problem = expectProblem(refused) as ReturnType<typeof expectProblem> & { currentLead?: string };
    expect(problem.detail).toContain(lead);
    expect(problem.currentLead).toBe(lead);
    expect(await graphState(f.driver)).toEqual(state);

    const replaced = await f.app.inject({
      method: 'PUT',
      url,
      headers: f.as('editor'),
      payload: { role: 'lead', source: testSource, replaceLead: true },
    });
    expect(replaced.statusCode).toBe(201);
    const facilitators = (await line('C4')).data.facilitators;
    expect(facilitators.filter((x) => x.role === 'lead').map((x) => x.entityId)).toEqual([challenger]);
    expect(facilitators.find((x) => x.entityId === lead)?.role).toBe('co');
    // One write, one revision, two change records (the demotion and the assignment).
    expect(await graphState(f.driver)).toEqual({ revision: state.revision + 1, changes: state.changes + 2 });
    const demoted = await changesFor(`action-lines/C4/facilitators/${lead}`);
    expect(demoted[0]).toMatchObject({ action: 'facilitator.demote', revision: state.revision + 1 });
    expect(demoted[0]!.before.role).toBe('lead');
    expect(demoted[0]!.after.role).toBe('co');
  });

  it('ids must exist: 404 naming each unknown id', async () => {
    const unknownEntity = await f.app.inject({
      method: 'PUT',
      url: '/v1/action-lines/C2/facilitators/NOPE',
      headers: f.as('editor'),
      payload: { role: 'co', source: testSource },
    });
    expect(unknownEntity.statusCode).toBe(404);
    expect(expectProblem(unknownEntity).errors).toEqual([{ path: 'path.entityId', message: 'unknown entity NOPE' }]);

    const both = await f.app.inject({
      method: 'PUT',
      url: '/v1/action-lines/C7.e-nothing/facilitators/NOPE',
      headers: f.as('editor'),
      payload: { role: 'co', source: testSource },
    });
    expect(both.statusCode).toBe(404);
    expect(
      expectProblem(both)
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['path.entityId', 'path.id']);

    const commitment = await f.app.inject({
      method: 'PUT',
      url: '/v1/action-lines/C2/commitments/99z',
      headers: f.as('editor'),
      payload: { source: testSource },
    });
    expect(commitment.statusCode).toBe(404);
    expect(expectProblem(commitment).detail).toContain('99z');

    const target = await f.app.inject({
      method: 'DELETE',
      url: '/v1/action-lines/C2/sdg-targets/17.99',
      headers: f.as('editor'),
    });
    expect(target.statusCode).toBe(404);
    expect(expectProblem(target).errors?.[0]?.path).toBe('path.targetId');
  });

  it('bodies are validated: 400 naming each bad field, unknown fields refused, source required for a new link', async () => {
    const entity = await outsider('C5');
    const url = `/v1/action-lines/C5/facilitators/${encodeURIComponent(entity)}`;
    const bad = await f.app.inject({
      method: 'PUT',
      url,
      headers: f.as('editor'),
      payload: { role: 'boss', status: 'maybe', source: { document: '', locator: 'x' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(expectProblem(bad).errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.role', 'body.status', 'body.source.document']),
    );

    const unknown = await f.app.inject({
      method: 'PUT',
      url,
      headers: f.as('editor'),
      payload: { role: 'co', source: testSource, colour: 'blue' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(expectProblem(unknown).errors)).toContain('colour');

    const noSource = await f.app.inject({ method: 'PUT', url, headers: f.as('editor'), payload: { role: 'co' } });
    expect(noSource.statusCode).toBe(400);
    expect(expectProblem(noSource).errors).toEqual([{ path: 'body.source', message: 'required when the link is new' }]);

    const badPath = await f.app.inject({
      method: 'PUT',
      url: '/v1/action-lines/C2/sdg-targets/banana',
      headers: f.as('editor'),
      payload: { source: testSource },
    });
    expect(badPath.statusCode).toBe(400);
    expect(expectProblem(badPath).errors?.[0]?.path).toBe('path.targetId');
  });

  it('bodies over 1 MB → 413 problem+json', async () => {
    const big = await f.app.inject({
      method: 'PUT',
      url: '/v1/action-lines/C2/commitments/11a',
      headers: { ...f.as('editor'), 'content-type': 'application/json' },
      payload: JSON.stringify({ rationale: 'x'.repeat(1024 * 1024 + 10), source: testSource }),
    });
    expect(big.statusCode).toBe(413);
    expectProblem(big);
  });

  it('If-Match: a stale ETag → 412 with the current ETag; two concurrent writers with the same If-Match → exactly one succeeds', async () => {
    const { revision } = await graphState(f.driver);
    const stale = await f.app.inject({
      method: 'PUT',
      url: '/v1/action-lines/C6/commitments/11a',
      headers: { ...f.as('editor'), 'if-match': etagOf(revision - 1) },
      payload: { source: testSource },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers.etag).toBe(etagOf(revision));
    expect((expectProblem(stale) as { currentEtag?: string }).currentEtag).toBe(etagOf(revision));

    const [a, b] = [await outsider('C6'), await outsider('C6', [await outsider('C6')])];
    const ifMatch = (await line('C6')).etag;
    const responses = await Promise.all(
      [a, b].map((entity) =>
        f.app.inject({
          method: 'PUT',
          url: `/v1/action-lines/C6/facilitators/${encodeURIComponent(entity)}`,
          headers: { ...f.as('editor'), 'if-match': ifMatch },
          payload: { role: 'partner', source: testSource },
        }),
      ),
    );
    const codes = responses.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 412]);
    const loser = responses.find((r) => r.statusCode === 412)!;
    expect(loser.headers.etag).toBe(etagOf(revision + 1));
    expect(expectProblem(loser).type).toBe('/problems/precondition-failed');
    expect(await graphState(f.driver)).toMatchObject({ revision: revision + 1 });
    const present = (await line('C6')).data.facilitators.map((x) => x.entityId);
    expect([a, b].filter((e) => present.includes(e))).toHaveLength(1);

    // `*` and a list containing the current tag both match.
    const star = await f.app.inject({
      method: 'PUT',
      url: '/v1/action-lines/C6/commitments/11a',
      headers: { ...f.as('editor'), 'if-match': '*' },
      payload: { source: testSource },
    });
    expect(star.statusCode).toBe(201);
    const list = await f.app.inject({
      method: 'DELETE',
      url: '/v1/action-lines/C6/commitments/11a',
      headers: { ...f.as('editor'), 'if-match': `"r1", ${star.headers.etag}` },
    });
    expect(list.statusCode).toBe(204);
  });

  it('N writes → N changes and N revisions', async () => {
    const start = await graphState(f.driver);
    const targets = ['1.1', '1.2', '2.1', '3.1', '4.1'];
    for (const t of targets) {
      const r = await f.app.inject({
        method: 'PUT',
        url: `/v1/action-lines/C11/sdg-targets/${t}`,
        headers: f.as('editor'),
        payload: { status: 'proposed', source: testSource, rationale: 'test' },
      });
      expect([200, 201], r.body).toContain(r.statusCode);
    }
    expect(await graphState(f.driver)).toEqual({
      revision: start.revision + targets.length,
      changes: start.changes + targets.length,
    });
    const since = await f.app.inject({
      method: 'GET',
      url: `/v1/changes?since=${start.revision}`,
      headers: f.as('viewer'),
    });
    expect(since.json().data.map((c: Change) => c.revision)).toEqual(
      targets.map((_, i) => start.revision + targets.length - i),
    );
    const supported = (await line('C11')).data.targets.map((t: { targetId: string }) => t.targetId);
    expect(supported).toEqual(expect.arrayContaining(targets));
  });

  it('alignments, responsibilities and SDG targets: PUT and DELETE, visible in the reads', async () => {
    const aligned = (await line('C1')).data.commitments.map((c: { commitmentId: string }) => c.commitmentId);
    const commitmentId = ['11b', '11c', '13a', '21a', '30b'].find((c) => !aligned.includes(c))!;
    const align = await f.app.inject({
      method: 'PUT',
      url: `/v1/action-lines/C1/commitments/${commitmentId}`,
      headers: f.as('editor'),
      payload: { status: 'endorsed', source: testSource, rationale: 'Both about connectivity' },
    });
    expect(align.statusCode).toBe(201);
    expect((await line('C1')).data.commitments).toContainEqual(
      expect.objectContaining({ commitmentId, status: 'endorsed', rationale: 'Both about connectivity' }),
    );
    expect(
      (
        await f.app.inject({
          method: 'DELETE',
          url: `/v1/action-lines/C1/commitments/${commitmentId}`,
          headers: f.as('editor'),
        })
      ).statusCode,
    ).toBe(204);
    expect((await line('C1')).data.commitments.map((c: { commitmentId: string }) => c.commitmentId)).not.toContain(
      commitmentId,
    );

    const resp = await f.app.inject({
      method: 'PUT',
      url: '/v1/gdc/commitments/11a/responsible/ITU',
      headers: f.as('editor'),
      payload: { role: 'lead', source: testSource },
    });
    expect(resp.statusCode).toBe(201);
    expect(resp.json().data).toMatchObject({ type: 'RESPONSIBLE_FOR', from: 'ITU', to: '11a', role: 'lead' });
    const commitment = await f.app.inject({ method: 'GET', url: '/v1/gdc/commitments/11a' });
    expect(commitment.statusCode).toBe(200);
    expect(commitment.json().data.responsibleEntities).toContainEqual(
      expect.objectContaining({ entityId: 'ITU', role: 'lead', status: 'proposed' }),
    );
    const wrongRole = await f.app.inject({
      method: 'PUT',
      url: '/v1/gdc/commitments/11a/responsible/ITU',
      headers: f.as('editor'),
      payload: { role: 'partner' },
    });
    expect(wrongRole.statusCode).toBe(400);
    expect(
      (
        await f.app.inject({
          method: 'DELETE',
          url: '/v1/gdc/commitments/11a/responsible/ITU',
          headers: f.as('editor'),
        })
      ).statusCode,
    ).toBe(204);

    const supported = (await line('C1')).data.targets.map((t: { targetId: string }) => t.targetId);
    const targetId = ['17.8', '17.6', '9.c', '4.4', '5.b', '16.10'].find((t) => !supported.includes(t))!;
    const target = await f.app.inject({
      method: 'PUT',
      url: `/v1/action-lines/C1/sdg-targets/${targetId}`,
      headers: f.as('editor'),
      payload: { source: { document: 'Test', locator: 'p. 1' } },
    });
    expect(target.statusCode).toBe(201);
    expect(target.json().data.source).toEqual({ document: 'Test', locator: 'p. 1', url: null });
    const added = (await line('C1')).data.targets.find((t: { targetId: string }) => t.targetId === targetId);
    expect(String(added?.goalId)).toBe(targetId.split('.')[0]);
    expect(
      (
        await f.app.inject({
          method: 'DELETE',
          url: `/v1/action-lines/C1/sdg-targets/${targetId}`,
          headers: f.as('editor'),
        })
      ).statusCode,
    ).toBe(204);
  });

  it('entities: create (409 when taken), patch (a no-op records nothing); commitments: patch', async () => {
    const create = await f.app.inject({
      method: 'POST',
      url: '/v1/entities',
      headers: f.as('admin'),
      payload: {
        id: 'UNU',
        name: 'United Nations University',
        kind: 'other-un',
        ungisMember: false,
        source: testSource,
      },
    });
    expect(create.statusCode, create.body).toBe(201);
    expect(create.headers.location).toBe('/v1/entities/UNU');
    expect(create.json().data).toMatchObject({ id: 'UNU', verified: false, membershipConfidence: 'unverified' });
    const read = await f.app.inject({ method: 'GET', url: '/v1/entities/UNU' });
    expect(read.statusCode).toBe(200);
    expect(read.json().data).toMatchObject({ id: 'UNU', name: 'United Nations University' });

    const taken = await f.app.inject({
      method: 'POST',
      url: '/v1/entities',
      headers: f.as('admin'),
      payload: { id: 'UNU', name: 'x', kind: 'other-un', ungisMember: false, source: testSource },
    });
    expect(taken.statusCode).toBe(409);
    expectProblem(taken);

    const patch = await f.app.inject({
      method: 'PATCH',
      url: '/v1/entities/UNU',
      headers: f.as('editor'),
      payload: { ungisMember: true, reason: 'joined' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().data.ungisMember).toBe(true);
    const state = await graphState(f.driver);
    const same = await f.app.inject({
      method: 'PATCH',
      url: '/v1/entities/UNU',
      headers: f.as('editor'),
      payload: { ungisMember: true },
    });
    expect(same.statusCode).toBe(200);
    expect(await graphState(f.driver)).toEqual(state);
    expect((await changesFor('entities/UNU')).map((c) => c.action)).toEqual(['entity.update', 'entity.create']);

    const empty = await f.app.inject({
      method: 'PATCH',
      url: '/v1/entities/UNU',
      headers: f.as('editor'),
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const missing = await f.app.inject({
      method: 'PATCH',
      url: '/v1/entities/NOPE',
      headers: f.as('editor'),
      payload: { verified: true },
    });
    expect(missing.statusCode).toBe(404);

    const summary = 'Universal meaningful connectivity targets, edited in a test.';
    const commitment = await f.app.inject({
      method: 'PATCH',
      url: '/v1/gdc/commitments/11a',
      headers: f.as('editor'),
      payload: { summary, verified: true },
    });
    expect(commitment.statusCode, commitment.body).toBe(200);
    expect(commitment.json().data).toMatchObject({ id: '11a', summary, verified: true });
    const reread = await f.app.inject({ method: 'GET', url: '/v1/gdc/commitments/11a' });
    expect(reread.json().data).toMatchObject({ summary, verified: true });
    const tooLong = await f.app.inject({
      method: 'PATCH',
      url: '/v1/gdc/commitments/11a',
      headers: f.as('editor'),
      payload: { summary: 'word '.repeat(30) },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(expectProblem(tooLong).errors?.[0]?.path).toBe('body.summary');
  });
});
