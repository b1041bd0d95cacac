import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { cypher } from '../../src/db/cypher.js';
import { RevisionLru, setRevisionCachesEnabled } from '../../src/lib/matrix-cache.js';
import { revisionOfEtag } from '../../src/lib/conditional.js';
import { expectNotModifiedRound, getJson, seededApp } from '../helpers/reference.js';

describe('RevisionLru', () => {
  it('returns an entry only for the exact revision it was computed at', () => {
    const cache = new RevisionLru<string>(4);
    cache.set(5, 'q', 'at 5');
    expect(cache.get(5, 'q')).toBe('at 5');
    expect(cache.get(6, 'q')).toBeUndefined();
    // Seeing revision 6 dropped everything older: 5 is never served again.
    expect(cache.get(5, 'q')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('is bounded and evicts the least recently used', () => {
    const cache = new RevisionLru<number>(2);
    cache.set(1, 'a', 1);
    cache.set(1, 'b', 2);
    expect(cache.get(1, 'a')).toBe(1); // a is now the most recent
    cache.set(1, 'c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get(1, 'b')).toBeUndefined();
    expect(cache.get(1, 'a')).toBe(1);
    expect(cache.get(1, 'c')).toBe(3);
  });

  it('drops everything when the revision goes backwards (graph reset), so a reused number cannot hit an old entry', () => {
    const cache = new RevisionLru<string>(4);
    cache.set(9, 'q', 'old graph at 9');
    expect(cache.get(2, 'q')).toBeUndefined();
    cache.set(2, 'q', 'new graph at 2');
    expect(cache.get(9, 'q')).toBeUndefined();
    expect(cache.get(9, 'q')).toBeUndefined();
  });

  it('can be switched off process-wide (bench cold runs): every lookup misses, nothing is stored', () => {
    const cache = new RevisionLru<string>(4);
    cache.set(1, 'q', 'v');
    try {
      setRevisionCachesEnabled(false);
      expect(cache.get(1, 'q')).toBeUndefined();
      cache.set(1, 'q', 'w');
      expect(cache.size).toBe(0);
    } finally {
      setRevisionCachesEnabled(true);
    }
    cache.set(1, 'q', 'x');
    expect(cache.get(1, 'q')).toBe('x');
  });

  it('getOrCompute stores only cacheable values, and only once the read proved consistent', async () => {
    const cache = new RevisionLru<string>(4);
    let calls = 0;
    const compute = (cacheable: boolean) => async () => ({ value: `v${(calls += 1)}`, cacheable });
    const now = (store: () => void) => store();
    const never = () => {};
    expect(await cache.getOrCompute(1, 'q', compute(false), now)).toBe('v1');
    expect(await cache.getOrCompute(1, 'q', compute(true), never)).toBe('v2');
    expect(await cache.getOrCompute(1, 'q', compute(true), now)).toBe('v3');
    expect(await cache.getOrCompute(1, 'q', compute(true), now)).toBe('v3');
    expect(calls).toBe(3);
  });
});

describe('matrix, gaps and coverage: ETags and the revision-keyed cache (real Neo4j)', () => {
  let app: FastifyInstance;
  let driver: Driver;

  beforeAll(async () => {
    ({ app, driver } = await seededApp());
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await driver?.close();
  });

  /** Runs a write like the API does: the change and a revision advance in one transaction. */
  async function write(query: string, params: Record<string, unknown>, advance = true): Promise<void> {
    const session = driver.session();
    try {
      await session.executeWrite(async (tx) => {
        await tx.run(query, params);
        if (advance) await tx.run(cypher('revision/advance'));
      });
    } finally {
      await session.close();
    }
  }

  it.each([
    '/v1/matrix',
    '/v1/matrix?rows=entities&cols=action-lines&format=csv',
    '/v1/matrix?format=xlsx',
    '/v1/gaps',
    '/v1/gaps?kind=entity-workload&format=csv',
    '/v1/coverage',
  ])('%s: ETag from the revision, 304 on If-None-Match, no-cache', async (url) => {
    await expectNotModifiedRound(app, url);
  });

  it('meta.revision is the revision in the ETag', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/matrix' });
    expect(revisionOfEtag(String(response.headers.etag))).toBe(response.json().meta.revision);
  });

  it('a cached matrix is reused while the revision stands and never served once it advances', async () => {
    const url = '/v1/matrix?rows=action-lines&cols=gdc-commitments';
    const first = await app.inject({ method: 'GET', url });
    const body = first.json() as { data: { cells: { row: string; column: string }[]; columns: { id: string }[] } };
    const etag = String(first.headers.etag);
    const taken = new Set(body.data.cells.map((c) => `${c.row}|${c.column}`));
    const free = body.data.columns.map((c) => c.id).find((c) => !taken.has(`C1|${c}`))!;
    expect(free).toBeDefined();

    // A change that (wrongly) leaves the revision alone: the cached matrix of this revision stands.
    await write(
      `MATCH (a:ActionLine {id: 'C1'}), (c:GdcCommitment {id: $c})
       CREATE (a)-[:ALIGNS_WITH {status: 'proposed', sourceDocument: 'test', sourceLocator: 'cache test', sourceUrl: null,
                                  createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'test'}]->(c)`,
      { c: free },
      false,
    );
    const same = await app.inject({ method: 'GET', url });
    expect(same.headers.etag).toBe(etag);
    expect(same.body).toBe(first.body);

    // Advancing the revision (as every API write does): the next read is recomputed at once.
    await write('RETURN 1', {});
    const fresh = await app.inject({ method: 'GET', url });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).not.toBe(etag);
    expect(revisionOfEtag(String(fresh.headers.etag))).toBe(revisionOfEtag(etag)! + 1);
    const cells = (fresh.json() as typeof body).data.cells;
    expect(cells.some((c) => c.row === 'C1' && c.column === free)).toBe(true);
    expect(fresh.json().meta.revision).toBe(revisionOfEtag(etag)! + 1);

    // The old ETag no longer validates.
    const stale = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(stale.statusCode).toBe(200);
  });

  it('after a write every read carries a new ETag (gaps and coverage too)', async () => {
    const urls = ['/v1/matrix?rows=gdc-commitments&cols=sdgs', '/v1/gaps', '/v1/coverage'];
    const before = await Promise.all(urls.map((u) => app.inject({ method: 'GET', url: u })));
    await write('RETURN 1', {});
    const after = await Promise.all(urls.map((u) => app.inject({ method: 'GET', url: u })));
    urls.forEach((_, i) => {
      expect(after[i]!.headers.etag).not.toBe(before[i]!.headers.etag);
      expect(revisionOfEtag(String(after[i]!.headers.etag))).toBe(revisionOfEtag(String(before[i]!.headers.etag))! + 1);
    });
  });

  it('many instances agree: a second app on the same graph gives the same ETag and body', async () => {
    const { buildTestApp } = await import('../helpers/app.js');
    const other = await buildTestApp();
    try {
      for (const url of ['/v1/matrix?rows=action-lines&cols=sdgs&derived=true', '/v1/gaps']) {
        const a = await app.inject({ method: 'GET', url });
        const b = await other.inject({ method: 'GET', url });
        expect(b.headers.etag).toBe(a.headers.etag);
        expect(b.body).toBe(a.body);
      }
    } finally {
      await other.close();
    }
  });

  it('a derived path takes the weaker status of its hops: endorsing the ALIGNS_WITH hop shows at once', async () => {
    const url = '/v1/matrix?rows=action-lines&cols=sdgs&derived=true';
    type Body = {
      data: {
        cells: { row: string; column: string; links: { derived: boolean; via: string | null; status: string }[] }[];
      };
    };
    const links = (
      await getJson<{ data: { type: string; from: string; to: string; status: string }[] }>(app, '/v1/links?limit=500')
    ).data;
    // A commitment with an endorsed CONTRIBUTES_TO, reached by a proposed ALIGNS_WITH.
    const hop2 = links.find(
      (k) =>
        k.type === 'CONTRIBUTES_TO' &&
        k.status === 'endorsed' &&
        links.some((a) => a.type === 'ALIGNS_WITH' && a.to === k.from && a.status === 'proposed'),
    )!;
    expect(
      hop2,
      'the seed should hold a proposed ALIGNS_WITH into a commitment with an endorsed CONTRIBUTES_TO',
    ).toBeDefined();
    const hop1 = links.find((a) => a.type === 'ALIGNS_WITH' && a.to === hop2.from && a.status === 'proposed')!;
    const derivedLink = (body: Body) =>
      body.data.cells
        .find((c) => c.row === hop1.from && c.column === hop2.to)
        ?.links.find((l) => l.derived && l.via === hop2.from);
    expect(derivedLink(await getJson<Body>(app, url))?.status).toBe('proposed');
    await write(`MATCH (:ActionLine {id: $a})-[l:ALIGNS_WITH]->(:GdcCommitment {id: $c}) SET l.status = 'endorsed'`, {
      a: hop1.from,
      c: hop2.from,
    });
    expect(derivedLink(await getJson<Body>(app, url))?.status).toBe('endorsed');
    // status=endorsed keeps only paths whose hops are both endorsed.
    expect(derivedLink(await getJson<Body>(app, `${url}&status=endorsed`))?.status).toBe('endorsed');
  });

  it('gaps JSON is served from the same computation for every kind', async () => {
    const all = await getJson(app, '/v1/gaps');
    const one = await getJson(app, '/v1/gaps?kind=action-lines-without-lead');
    expect(Object.keys(one.data)).toEqual(['action-lines-without-lead']);
    expect(one.data['action-lines-without-lead']).toEqual(all.data['action-lines-without-lead']);
  });
});
