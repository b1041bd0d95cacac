import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editableLinkKinds, linkKinds } from '../../src/domain/links.js';
import { nodeKinds } from '../../src/domain/nodes.js';
import { editingFixture, graphState, testSource, type EditingFixture } from '../helpers/editing.js';

/**
 * Generated from the link registry: every editable link kind goes PUT → visible in /v1/links and
 * in its matrix pivot → DELETE → gone, with exactly one Change per write. A kind the write Cypher
 * does not handle fails here (the write checks the relationships it touched and rolls back).
 */
describe('every editable link kind of the registry round-trips through the API', () => {
  let f: EditingFixture;
  beforeAll(async () => {
    f = await editingFixture();
  });
  afterAll(async () => f.close());

  const ids = async (label: keyof typeof nodeKinds): Promise<string[]> => {
    const response = await f.app.inject({ method: 'GET', url: `/v1/${nodeKinds[label].path}?limit=500` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data.map((n: { id: string | number }) => String(n.id));
  };
  const linksOf = async (type: string, from: string, to: string) => {
    const query = new URLSearchParams({ type, from, to });
    const response = await f.app.inject({ method: 'GET', url: `/v1/links?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { data: { status: string; role: string | null }[]; meta: { total: number } };
  };
  const matrixHas = async (pivot: { rows: string; cols: string }, type: string, row: string, column: string) => {
    const response = await f.app.inject({ method: 'GET', url: `/v1/matrix?rows=${pivot.rows}&cols=${pivot.cols}` });
    expect(response.statusCode, response.body).toBe(200);
    const cells = response.json().data.cells as {
      row: string;
      column: string;
      links: { type: string; via: string | null; derived: boolean }[];
    }[];
    const cell = cells.find((c) => c.row === row && c.column === column);
    return cell?.links.some((l) => l.type === type && l.via === null && !l.derived) ?? false;
  };

  it('covers every editable kind (and the registry has some)', () => {
    expect(editableLinkKinds.length).toBeGreaterThanOrEqual(5);
    for (const kind of editableLinkKinds) expect(linkKinds[kind].resource, kind).not.toBeNull();
  });

  for (const kind of editableLinkKinds) {
    it(`${kind}: PUT → listed and in the matrix → DELETE → gone, one Change each`, async () => {
      const spec = linkKinds[kind];
      const resource = spec.resource!;
      const existing = await f.app.inject({ method: 'GET', url: `/v1/links?type=${spec.type}&limit=500` });
      const linked = new Set((existing.json().data as { from: string; to: string }[]).map((l) => `${l.from}|${l.to}`));
      const froms = await ids(spec.from);
      const tos = await ids(spec.to);
      let pair: [string, string] | undefined;
      for (const from of froms) {
        const to = tos.find((t) => !linked.has(`${from}|${t}`));
        if (to) {
          pair = [from, to];
          break;
        }
      }
      expect(pair, `a free ${kind} pair`).toBeDefined();
      const [from, to] = pair!;
      const [owner, child] = resource.owner === 'to' ? [to, from] : [from, to];
      const ownerPath = nodeKinds[resource.owner === 'to' ? spec.to : spec.from].path;
      const target = `${ownerPath}/${owner}/${resource.segment}/${child}`;
      const url = `/v1/${ownerPath}/${encodeURIComponent(owner)}/${resource.segment}/${encodeURIComponent(child)}`;
      const role = spec.roles?.options.find((r) => r !== 'lead');
      const before = await graphState(f.driver);

      const put = await f.app.inject({
        method: 'PUT',
        url,
        headers: f.as('editor'),
        payload: { ...(role ? { role } : {}), source: testSource, reason: `registry test ${kind}` },
      });
      expect(put.statusCode, put.body).toBe(201);
      expect(put.json().data).toMatchObject({ type: spec.type, from, to, status: 'proposed', role: role ?? null });
      const listed = await linksOf(spec.type, from, to);
      expect(listed.meta.total).toBe(1);
      expect(listed.data[0]).toMatchObject({ status: 'proposed', role: role ?? null });
      expect(await matrixHas(spec.matrix!, spec.type, from, to)).toBe(true);
      expect(await graphState(f.driver)).toEqual({ revision: before.revision + 1, changes: before.changes + 1 });

      const del = await f.app.inject({ method: 'DELETE', url, headers: f.as('editor') });
      expect(del.statusCode, del.body).toBe(204);
      expect((await linksOf(spec.type, from, to)).meta.total).toBe(0);
      expect(await matrixHas(spec.matrix!, spec.type, from, to)).toBe(false);
      expect(await graphState(f.driver)).toEqual({ revision: before.revision + 2, changes: before.changes + 2 });

      const changes = await f.app.inject({
        method: 'GET',
        url: `/v1/changes?target=${encodeURIComponent(target)}`,
        headers: f.as('viewer'),
      });
      expect(changes.statusCode).toBe(200);
      const actions = (changes.json().data as { action: string; target: string }[]).map((c) => [c.action, c.target]);
      expect(actions.sort()).toEqual([
        [`${spec.action}.delete`, target],
        [`${spec.action}.put`, target],
      ]);
    });
  }
});
