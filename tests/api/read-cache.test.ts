import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cypher } from '../../src/db/cypher.js';
import { revisionOfEtag } from '../../src/lib/conditional.js';
import { buildTestApp } from '../helpers/app.js';
import { type EditingFixture, editingFixture, testSource } from '../helpers/editing.js';
import { getJson, seededApp } from '../helpers/reference.js';

/**
 * The finished-bytes cache (src/plugins/read-cache.ts). This app's watcher polls every ten minutes
 * and vouches for a revision as long, so a write made behind its back (plain Cypher, like another
 * API instance) stays unseen by it: exactly the window in which a client may already hold the newer
 * revision (from its own write elsewhere) and must still never be answered with older data.
 */
let seeded: { app: FastifyInstance; driver: Driver };
let app: FastifyInstance;

beforeAll(async () => {
  seeded = await seededApp();
  app = await buildTestApp({ REVISION_POLL_MS: '600000', REVISION_MAX_STALE_MS: '600000' });
  await app.revisions.poll();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await seeded?.app.close();
  await seeded?.driver.close();
});

/** Adds a link and advances the revision in one transaction, as another API instance would. */
async function writeBehindItsBack(query: string, params: Record<string, unknown>): Promise<number> {
  const session = seeded.driver.session();
  try {
    return await session.executeWrite(async (tx) => {
      await tx.run(query, params);
      const advanced = await tx.run(cypher('revision/advance'));
      return Number(advanced.records[0]!.get('revision'));
    });
  } finally {
    await session.close();
  }
}

const URL = '/v1/matrix?rows=action-lines&cols=gdc-commitments';
type MatrixBody = {
  data: { cells: { row: string; column: string }[]; columns: { id: string }[] };
  meta: { revision: number };
};
const alignTo = async (commitment: string) =>
  writeBehindItsBack(
    `MATCH (a:ActionLine {id: 'C1'}), (c:GdcCommitment {id: $c})
     CREATE (a)-[:ALIGNS_WITH {status: 'proposed', sourceDocument: 'read-cache test', sourceLocator: 'test',
                               sourceUrl: null, createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'test'}]->(c)`,
    { c: commitment },
  );
const hasCell = (body: MatrixBody, commitment: string) =>
  body.data.cells.some((c) => c.row === 'C1' && c.column === commitment);

describe('cache hits without a database round trip', () => {
  it('a client that presents a newer revision than the process has seen never receives older data', async () => {
    const first = await app.inject({ method: 'GET', url: URL });
    const body = first.json() as MatrixBody;
    const etag = String(first.headers.etag);
    const free = body.data.columns.map((c) => c.id).filter((c) => !hasCell(body, c));
    expect(free.length).toBeGreaterThan(1);

    const newer = await alignTo(free[0]!);
    expect(newer).toBe(body.meta.revision + 1);

    // Without a hint the process may answer from its cache (bounded staleness; here: a minute).
    const plain = await app.inject({ method: 'GET', url: URL });
    expect(plain.headers.etag).toBe(etag);
    expect(plain.body).toBe(first.body);
    // Each answer says how it was proven consistent (a diagnostic for a surprising answer).
    expect(plain.headers['server-timing']).toBe('read;desc="cached"');

    // Presenting the newer revision through If-None-Match: read from Neo4j, the new link is there.
    const hinted = await app.inject({
      method: 'GET',
      url: URL,
      headers: { 'if-none-match': `"r${newer}-somethingelse"` },
    });
    expect(hinted.statusCode).toBe(200);
    expect(hinted.headers['server-timing']).toBe('read;desc="optimistic 1"');
    expect(revisionOfEtag(String(hinted.headers.etag))).toBe(newer);
    expect(hasCell(hinted.json() as MatrixBody, free[0]!)).toBe(true);

    // Another write behind its back, presented through min-revision this time.
    const newest = await alignTo(free[1]!);
    const viaHeader = await app.inject({ method: 'GET', url: URL, headers: { 'min-revision': String(newest) } });
    expect(viaHeader.statusCode).toBe(200);
    expect((viaHeader.json() as MatrixBody).meta.revision).toBe(newest);
    expect(hasCell(viaHeader.json() as MatrixBody, free[1]!)).toBe(true);

    // Having read it, the process knows that revision: plain reads no longer go back to older data.
    const after = await app.inject({ method: 'GET', url: URL });
    expect((after.json() as MatrixBody).meta.revision).toBe(newest);
  });

  it('serves 304 and pre-compressed bodies (br, gzip) of the same bytes, varying on Accept-Encoding', async () => {
    const plain = await app.inject({ method: 'GET', url: '/v1/gaps' });
    const etag = String(plain.headers.etag);
    const br = await app.inject({ method: 'GET', url: '/v1/gaps', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gzip = await app.inject({ method: 'GET', url: '/v1/gaps', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    for (const response of [plain, br, gzip]) {
      expect(response.headers.etag).toBe(etag);
      expect(String(response.headers.vary)).toMatch(/Accept-Encoding/);
    }
    const notModified = await app.inject({ method: 'GET', url: '/v1/gaps', headers: { 'if-none-match': etag } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
  });

  it('the answer is the one the database gives: a fresh app reading Neo4j agrees byte for byte', async () => {
    const cached = await app.inject({ method: 'GET', url: URL });
    const direct = await getJson(seeded.app, URL);
    expect(cached.json()).toEqual(direct);
  });
});

describe('cache entries are per language', () => {
  const SDGS = '/v1/matrix?rows=action-lines&cols=sdgs';
  type Labelled = { data: { columns: { id: string; label: string }[] } };
  const goal5 = (body: Labelled) => body.data.columns.find((c) => c.id === '5')!.label;

  it('an entry cached in one language is never served for another; each keeps its Content-Language and Vary', async () => {
    const english = await app.inject({ method: 'GET', url: SDGS, headers: { 'accept-language': 'en' } });
    const french = await app.inject({ method: 'GET', url: SDGS, headers: { 'accept-language': 'fr-CH, en;q=0.5' } });
    expect(french.headers['content-language']).toBe('fr');
    expect(french.headers.etag).not.toBe(english.headers.etag);
    // The French label is the graph's own (title_fr / shortTitle_fr), not the English one.
    expect(goal5(french.json() as Labelled)).not.toBe(goal5(english.json() as Labelled));

    // The revision moves behind the app's back: from now on an answer at the old revision can only come from its cache.
    await writeBehindItsBack('RETURN 1', {});
    const frenchAgain = await app.inject({ method: 'GET', url: SDGS, headers: { 'accept-language': 'fr' } });
    const englishAgain = await app.inject({ method: 'GET', url: SDGS });
    expect(frenchAgain.headers.etag).toBe(french.headers.etag);
    expect(frenchAgain.headers['content-language']).toBe('fr');
    expect(String(frenchAgain.headers.vary)).toMatch(/Accept-Language/);
    expect(goal5(frenchAgain.json() as Labelled)).toBe(goal5(french.json() as Labelled));
    expect(englishAgain.headers.etag).toBe(english.headers.etag);
    expect(englishAgain.headers['content-language']).toBe('en');
    expect(englishAgain.body).toBe(english.body);
  });
});

describe('two API processes on one database', () => {
  // The defaults of a deployment: poll every 25 ms, vouch for a revision 100 ms.
  const STALE_MS = 100;
  const ENTITIES = '/v1/matrix?rows=action-lines&cols=entities';
  let f: EditingFixture;
  let other: FastifyInstance;

  beforeAll(async () => {
    f = await editingFixture({ REVISION_POLL_MS: '25', REVISION_MAX_STALE_MS: String(STALE_MS) });
    other = await buildTestApp({ REVISION_POLL_MS: '25', REVISION_MAX_STALE_MS: String(STALE_MS) });
  }, 120_000);

  afterAll(async () => {
    await other?.close();
    await f?.close();
  });

  type Cells = { data: { cells: { row: string; column: string; entities: { id: string; role: string }[] }[] } };
  const roleOf = (body: Cells, line: string, entity: string) =>
    body.data.cells.find((c) => c.row === line && c.column === entity)?.entities.find((e) => e.id === entity)?.role;

  it("a write through one process reaches the other's cache within the staleness bound, never later", async () => {
    const before = await other.inject({ method: 'GET', url: ENTITIES });
    const cachedAt = revisionOfEtag(String(before.headers.etag))!;
    // ITU leads C2 in the seed; both processes have that answer cached now.
    expect(roleOf(before.json() as Cells, 'C2', 'ITU')).toBe('lead');
    const mine = await f.app.inject({ method: 'GET', url: ENTITIES });
    expect(mine.headers.etag).toBe(before.headers.etag);

    const put = await f.app.inject({
      method: 'PUT',
      url: '/v1/action-lines/C2/facilitators/ITU',
      headers: f.as('editor'),
      payload: { role: 'partner', source: testSource, reason: 'read-cache test: two processes' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const written = revisionOfEtag(String(put.headers.etag))!;
    expect(written).toBeGreaterThan(cachedAt);

    // The writing process answers its own write at once (read-your-writes), with no wait.
    const own = await f.app.inject({ method: 'GET', url: ENTITIES });
    expect(revisionOfEtag(String(own.headers.etag))).toBe(written);
    expect(roleOf(own.json() as Cells, 'C2', 'ITU')).toBe('partner');

    // Past the bound, the other process's old entry can no longer be served: its watcher either
    // saw the new revision (its stable revision, read every 25 ms) or cannot vouch and reads Neo4j.
    await sleep(STALE_MS + 20);
    const after = await other.inject({ method: 'GET', url: ENTITIES });
    expect(revisionOfEtag(String(after.headers.etag))).toBe(written);
    expect(roleOf(after.json() as Cells, 'C2', 'ITU')).toBe('partner');
  });
});
