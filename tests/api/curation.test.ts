import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../src/seed/load.js';
import { expectProblem } from '../helpers/app.js';
import { editingFixture, etagOf, graphState, type EditingFixture } from '../helpers/editing.js';
import { refGdc } from '../helpers/reference.js';

/**
 * Reference curation, as a UNGIS staff member would do it with the official text in hand: add a
 * missing commitment, retire a wrong one, renumber one, merge two entities, verify a commitment,
 * then re-seed and find every curated change still there.
 */

const gdcText = {
  document: 'Global Digital Compact, annex I to A/RES/79/1',
  url: 'https://docs.un.org/A/RES/79/1',
};
interface Change {
  action: string;
  target: string;
  before: any;
  after: any;
  reason: string | null;
  revision: number;
}

describe('curating the reference: commitments and entities', () => {
  let f: EditingFixture;
  beforeAll(async () => {
    f = await editingFixture();
  });
  afterAll(async () => f.close());

  const get = (url: string) => f.app.inject({ method: 'GET', url });
  const post = (url: string, payload: unknown, role: 'viewer' | 'editor' | 'admin' = 'admin', headers = {}) =>
    f.app.inject({ method: 'POST', url, payload: payload as object, headers: { ...f.as(role), ...headers } });
  const changesFor = async (target: string): Promise<Change[]> => {
    const response = await f.app.inject({
      method: 'GET',
      url: `/v1/changes?target=${encodeURIComponent(target)}&limit=500`,
      headers: f.as('viewer'),
    });
    expect(response.statusCode).toBe(200);
    return response.json().data;
  };
  const matrixColumns = async () =>
    ((await get('/v1/matrix?rows=action-lines&cols=gdc-commitments')).json().data.columns as { id: string }[]).map(
      (c) => c.id,
    );
  const matrixCells = async () =>
    (await get('/v1/matrix?rows=action-lines&cols=gdc-commitments')).json().data.cells as {
      row: string;
      column: string;
    }[];
  const gapIds = async (kind: string) =>
    ((await get(`/v1/gaps?kind=${kind}`)).json().data[kind] as { id: string }[]).map((g) => g.id);
  const linksTo = async (id: string) =>
    (await get(`/v1/links?to=${encodeURIComponent(id)}&limit=500`)).json().data as {
      type: string;
      from: string;
      to: string;
      toKind: string;
      toLabel: string;
      status: string;
      role: string | null;
    }[];
  const linksFrom = async (id: string) =>
    (await get(`/v1/links?from=${encodeURIComponent(id)}&limit=500`)).json().data as {
      type: string;
      from: string;
      to: string;
      status: string;
      role: string | null;
    }[];

  // 11(c) is a known letter slot without text in the reference (11(d) is attested).
  const missing = refGdc.commitments.find((c) => c.id === '11a')!;
  const newCommitment = {
    paragraph: 11,
    letter: 'c',
    objective: missing.objective,
    section: missing.section,
    sectionTitle: 'Digital connectivity',
    summary: 'Test summary of paragraph 11(c), checked against the adopted text.',
    sdgs: [9, 4],
    source: { ...gdcText, locator: 'para 11(c)' },
    reason: 'Missing from the seed',
  };

  it('only an admin edits reference nodes; bad input is 400 naming each field and changes nothing', async () => {
    const before = await graphState(f.driver);
    expect((await post('/v1/gdc/commitments', newCommitment, 'editor')).statusCode).toBe(403);
    const bad = await post('/v1/gdc/commitments', { ...newCommitment, paragraph: 0, letter: 'CC', sdgs: [18] });
    expect(bad.statusCode).toBe(400);
    const paths = expectProblem(bad).errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.paragraph', 'body.letter', 'body.sdgs.0']));
    const stale = await post('/v1/gdc/commitments', newCommitment, 'admin', {
      'if-match': etagOf(before.revision - 1),
    });
    expect(stale.statusCode).toBe(412);
    expect(await graphState(f.driver)).toEqual(before);
  });

  it('adds a missing commitment with its objective, cited SDGs and source, in the change log', async () => {
    const before = await graphState(f.driver);
    expect(await matrixColumns()).not.toContain('11c');
    const created = await post('/v1/gdc/commitments', newCommitment, 'admin', { 'if-match': etagOf(before.revision) });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('/v1/gdc/commitments/11c');
    expect(created.json().data).toMatchObject({
      id: '11c',
      label: '11(c)',
      sdgs: [4, 9],
      verified: false,
      status: 'active',
    });
    const detail = (await get('/v1/gdc/commitments/11c')).json().data;
    expect(detail).toMatchObject({ id: '11c', paragraph: 11, letter: 'c', objective: missing.objective });
    expect(detail.goals.map((g: { goalId: number }) => g.goalId)).toEqual([4, 9]);
    // The matrix and the gaps see it: a new commitment has no action line yet.
    expect(await matrixColumns()).toContain('11c');
    expect(await gapIds('commitments-without-action-line')).toContain('11c');
    const [change] = await changesFor('gdc/commitments/11c');
    expect(change).toMatchObject({ action: 'commitment.create', before: null, reason: 'Missing from the seed' });
    expect(change!.after).toMatchObject({ id: '11c', sdgs: [4, 9] });
    expect(await graphState(f.driver)).toEqual({ revision: before.revision + 1, changes: before.changes + 1 });
    // The id is taken now.
    expect((await post('/v1/gdc/commitments', newCommitment)).statusCode).toBe(409);
  });

  it('retires a wrong commitment: its links retire with it, the matrix and gaps move, the id answers 410', async () => {
    const id = '11a';
    const liveLinks = (await linksTo(id)).filter((l) => l.status !== 'retired');
    expect(liveLinks.length).toBeGreaterThan(0);
    expect((await matrixCells()).some((c) => c.column === id)).toBe(true);
    expect(await gapIds('commitments-without-responsible-entity')).toContain(id);
    const coverageBefore = (await get('/v1/coverage')).json().data.totals.commitments as number;

    const retired = await post(`/v1/gdc/commitments/${id}/retire`, { reason: 'Not in the adopted text' });
    expect(retired.statusCode).toBe(200);
    expect(retired.json().data).toMatchObject({ id, status: 'retired', retiredReason: 'Not in the adopted text' });

    const after = await linksTo(id);
    expect(after.map((l) => `${l.type}|${l.from}`).sort()).toEqual(
      (await Promise.resolve(liveLinks)).map((l) => `${l.type}|${l.from}`).sort(),
    );
    expect(after.every((l) => l.status === 'retired')).toBe(true);
    // The retired links stay readable with their kinds and labels, in /v1/links and the exports.
    const label = `${refGdc.commitments.find((c) => c.id === id)!.label} `;
    for (const l of after)
      expect(l).toMatchObject({ toKind: 'GdcCommitment', toLabel: expect.stringContaining(label) });
    const sssom = await get(`/v1/exports/sssom?to=${id}`);
    expect(sssom.statusCode).toBe(200);
    const [columns, ...rows] = sssom.body.split(/\r?\n/).filter((l) => l && !l.startsWith('#'));
    const objectColumn = columns!.split('\t').indexOf('object_id');
    expect(rows.map((r) => r.split('\t')[objectColumn])).toEqual(after.map(() => `gdc:${id}`));
    expect(await matrixColumns()).not.toContain(id);
    expect((await matrixCells()).some((c) => c.column === id)).toBe(false);
    expect(await gapIds('commitments-without-responsible-entity')).not.toContain(id);
    expect((await get('/v1/coverage')).json().data.totals.commitments).toBe(coverageBefore - 1);
    const gone = await get(`/v1/gdc/commitments/${id}`);
    expect(gone.statusCode).toBe(410);
    expect(expectProblem(gone).detail).toMatch(/retired/);
    // Each link has its own Change, and the commitment's Change holds both states.
    const changes = await changesFor(`gdc/commitments/${id}`);
    expect(changes.find((c) => c.action === 'commitment.retire')).toMatchObject({
      before: { status: 'active' },
      after: { status: 'retired' },
    });
    const alignment = liveLinks.find((l) => l.type === 'ALIGNS_WITH')!;
    const [alignmentChange] = await changesFor(`action-lines/${alignment.from}/commitments/${id}`);
    expect(alignmentChange).toMatchObject({ action: 'alignment.retire', after: { status: 'retired' } });
    expect(alignmentChange!.before.status).not.toBe('retired');
  });

  it('renumbers a commitment: the id changes, its links move with it, the old id answers 301', async () => {
    const from = '11b';
    const before = await linksTo(from);
    expect(before.length).toBeGreaterThan(0);
    const bad = await post(`/v1/gdc/commitments/${from}/renumber`, { paragraph: 11, letter: 'c', reason: 'x' });
    expect(bad.statusCode).toBe(409); // 11c exists
    const moved = await post(`/v1/gdc/commitments/${from}/renumber`, {
      paragraph: 11,
      letter: 'e',
      reason: 'Letter checked against the adopted text',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.headers.location).toBe('/v1/gdc/commitments/11e');
    expect(moved.json().data).toMatchObject({ id: '11e', label: '11(e)', letter: 'e' });
    expect((await linksTo('11e')).map((l) => `${l.type}|${l.from}|${l.status}`).sort()).toEqual(
      before.map((l) => `${l.type}|${l.from}|${l.status}`).sort(),
    );
    expect(await linksTo(from)).toEqual([]);
    const old = await get(`/v1/gdc/commitments/${from}`);
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/v1/gdc/commitments/11e');
    expect(expectProblem(old)).toMatchObject({ replacedBy: '11e' });
    const changes = await changesFor(`gdc/commitments/${from}`);
    expect(changes.map((c) => c.action)).toContain('commitment.renumber');
    expect((await changesFor('gdc/commitments/11e')).map((c) => c.action)).toContain('commitment.renumbered');
  });

  it('merges two entities that are the same body: no link lost, duplicates resolved, both sides in the log', async () => {
    // DESA: the same body as the seeded UNDESA under another id, with one link UNDESA also has.
    const created = await f.app.inject({
      method: 'POST',
      url: '/v1/entities',
      headers: f.as('admin'),
      payload: {
        id: 'DESA',
        name: 'Department of Economic and Social Affairs',
        kind: 'secretariat',
        ungisMember: true,
        source: { document: 'Test record', locator: 'n/a' },
      },
    });
    expect(created.statusCode).toBe(201);
    for (const [line, role] of [
      ['C1', 'co'],
      ['C3', 'partner'],
    ] as const) {
      const put = await f.app.inject({
        method: 'PUT',
        url: `/v1/action-lines/${line}/facilitators/DESA`,
        headers: f.as('editor'),
        payload: { role, source: { document: 'Test record', locator: line } },
      });
      expect(put.statusCode).toBe(201);
    }
    const mergedLinks = await linksFrom('UNDESA');
    const survivorLinks = await linksFrom('DESA');
    expect(mergedLinks.length).toBeGreaterThan(0);

    const merge = await post('/v1/entities/UNDESA/merge', { into: 'DESA', reason: 'Same department' });
    expect(merge.statusCode).toBe(200);
    const after = await linksFrom('DESA');
    // Every node either entity linked is linked from the survivor, once.
    const targets = (ls: { type: string; to: string }[]) => ls.map((l) => `${l.type}|${l.to}`);
    expect(targets(after).sort()).toEqual([...new Set([...targets(mergedLinks), ...targets(survivorLinks)])].sort());
    expect(await linksFrom('UNDESA')).toEqual([]);
    // C1: UNDESA's endorsed lead beats DESA's proposed co (stronger status); C3 stays DESA's.
    expect(after.find((l) => l.to === 'C1')).toMatchObject({ role: 'lead', status: 'endorsed' });
    expect(after.find((l) => l.to === 'C3')).toMatchObject({ role: 'partner', status: 'proposed' });
    expect(merge.json().data.links.find((l: { to: string }) => l.to === 'C1')).toMatchObject({ outcome: 'merged-won' });

    const old = await get('/v1/entities/UNDESA');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/v1/entities/DESA');
    // The change log keeps both sides.
    const mergedSide = (await changesFor('entities/UNDESA')).find((c) => c.action === 'entity.merge')!;
    expect(mergedSide.before.links.map((l: { to: string }) => l.to).sort()).toEqual(
      mergedLinks.map((l) => l.to).sort(),
    );
    expect(mergedSide.after).toMatchObject({ status: 'retired', mergedInto: 'DESA' });
    const survivorSide = (await changesFor('entities/DESA')).find((c) => c.action === 'entity.absorb')!;
    expect(survivorSide.before.links.map((l: { to: string }) => l.to).sort()).toEqual(
      survivorLinks.map((l) => l.to).sort(),
    );
    const c1 = (await changesFor('action-lines/C1/facilitators/DESA')).find((c) => c.action === 'facilitator.merge')!;
    expect(c1.before.survivor).toMatchObject({ role: 'co', status: 'proposed' });
    expect(c1.before.merged).toMatchObject({ entity: 'UNDESA', role: 'lead', status: 'endorsed' });
    // Its id is never reused.
    const reuse = await f.app.inject({
      method: 'POST',
      url: '/v1/entities',
      headers: f.as('admin'),
      payload: {
        id: 'UNDESA',
        name: 'x',
        kind: 'secretariat',
        ungisMember: true,
        source: { document: 'd', locator: 'l' },
      },
    });
    expect(reuse.statusCode).toBe(409);
    expect(expectProblem(reuse)).toMatchObject({ mergedInto: 'DESA' });
    // Merging into a merged-away id is refused, naming the survivor.
    const again = await post('/v1/entities/ITU/merge', { into: 'UNDESA', reason: 'x' });
    expect(again.statusCode).toBe(410);
    expect(expectProblem(again)).toMatchObject({ mergedInto: 'DESA' });
  });

  it('verifies a commitment against a locator; a revocation keeps the trail and lowers the flag', async () => {
    const target = 'gdc/commitments/24';
    const verified = await post(
      '/v1/verifications',
      { target, ...gdcText, locator: 'para 24', confidence: 'high', note: 'Wording matches' },
      'editor',
    );
    expect(verified.statusCode).toBe(201);
    const v = verified.json().data;
    expect(v).toMatchObject({ target, by: 'test-editor', locator: 'para 24', revokedAt: null });
    expect((await get('/v1/gdc/commitments/24')).json().data).toMatchObject({ verified: true, confidence: 'high' });
    const [change] = await changesFor(target);
    expect(change).toMatchObject({
      action: 'verification.create',
      before: { verified: false },
      after: { verified: true },
    });

    const second = await post('/v1/verifications', { target, ...gdcText, locator: 'para 24' }, 'editor');
    const revoked = await post(
      `/v1/verifications/${second.json().data.id}/revoke`,
      { reason: 'Wrong draft' },
      'editor',
    );
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().data).toMatchObject({ revokedBy: 'test-editor', revokeReason: 'Wrong draft' });
    // One check still stands.
    expect((await get('/v1/gdc/commitments/24')).json().data.verified).toBe(true);
    const trail = (await get(`/v1/verifications?target=${encodeURIComponent(target)}`)).json();
    expect(trail.meta.total).toBe(2);
    // Revoking the last standing check lowers the flag; the trail keeps both checks.
    const last = await post(`/v1/verifications/${v.id}/revoke`, { reason: 'Recheck' }, 'editor');
    expect(last.statusCode).toBe(200);
    expect((await get('/v1/gdc/commitments/24')).json().data.verified).toBe(false);
    expect((await get(`/v1/verifications?target=${encodeURIComponent(target)}&active=false`)).json().meta.total).toBe(
      2,
    );
    const revokeChange = (await changesFor(target)).find((c) => c.action === 'verification.revoke')!;
    expect(revokeChange.after).toMatchObject({ verified: false });
    // Checked again: verified, and it is this state the re-seed below must keep.
    const again = await post(
      '/v1/verifications',
      { target, ...gdcText, locator: 'para 24', confidence: 'high' },
      'editor',
    );
    expect(again.statusCode).toBe(201);
    expect(
      (await post('/v1/verifications', { target: 'gdc/commitments/99z', ...gdcText, locator: 'x' }, 'editor'))
        .statusCode,
    ).toBe(404);
    expect((await post('/v1/verifications', { target: 'sdgs/5', ...gdcText, locator: 'x' }, 'editor')).statusCode).toBe(
      400,
    );
    // A link can be verified too.
    const link = await post(
      '/v1/verifications',
      { target: 'action-lines/C2/facilitators/ITU', document: 'UNGIS home page (ITU)', locator: 'C2' },
      'editor',
    );
    expect(link.statusCode).toBe(201);
    // A check can raise a link's confidence (the seed rates APC's C2 co-facilitation low).
    const raised = await post(
      '/v1/verifications',
      { target: 'action-lines/C2/facilitators/APC', document: 'Test record', locator: 'C2', confidence: 'medium' },
      'editor',
    );
    expect(raised.statusCode).toBe(201);
  });

  it('re-seeding keeps every curated change', async () => {
    const before = await graphState(f.driver);
    const report = await loadSeed(f.driver);
    expect(report.nodes.created).toBe(0);
    expect(report.relationships.created).toBe(0);
    expect(report.nodes.curated).toBeGreaterThan(0);
    expect(report.relationships.curated).toBeGreaterThan(0);
    // Nothing the seed knows was changed by hand outside the API, so nothing is refreshed either.
    expect(report.revision).toBe(before.revision);

    expect((await get('/v1/gdc/commitments/11c')).statusCode).toBe(200);
    expect((await get('/v1/gdc/commitments/11a')).statusCode).toBe(410);
    const retiredLinks = await linksTo('11a');
    expect(retiredLinks.length).toBeGreaterThan(0);
    expect(retiredLinks.every((l) => l.status === 'retired')).toBe(true);
    expect((await get('/v1/gdc/commitments/11b')).statusCode).toBe(301);
    expect((await get('/v1/gdc/commitments/11e')).statusCode).toBe(200);
    expect((await get('/v1/entities/UNDESA')).statusCode).toBe(301);
    expect(await linksFrom('UNDESA')).toEqual([]);
    expect((await linksFrom('DESA')).find((l) => l.to === 'C1')).toMatchObject({ role: 'lead', status: 'endorsed' });
    expect((await get('/v1/gdc/commitments/24')).json().data).toMatchObject({ verified: true, confidence: 'high' });
    const facilitators = await f.driver.executeQuery(
      "MATCH (e:Entity)-[r:FACILITATES]->(:ActionLine {id: 'C2'}) WHERE e.id IN ['ITU', 'APC'] " +
        'RETURN e.id AS entity, r.verified AS verified, r.confidence AS confidence ORDER BY entity',
    );
    expect(facilitators.records.map((r) => r.toObject())).toEqual([
      { entity: 'APC', verified: true, confidence: 'medium' },
      { entity: 'ITU', verified: true, confidence: 'high' },
    ]);
    expect(await matrixColumns()).not.toContain('11a');
  });
});
