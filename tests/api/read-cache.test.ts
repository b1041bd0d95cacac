import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cypher } from '../../src/db/cypher.js';
import { revisionOfEtag } from '../../src/lib/conditional.js';
import { buildTestApp } from '../helpers/app.js';
import { getJson, seededApp } from '../helpers/reference.js';

/**
 * The finished-bytes cache (src/plugins/read-cache.ts). This app's watcher polls once a minute and
 * vouches for a revision for a minute, so a write made behind its back (plain Cypher, like another
 * API instance) stays unseen by it: exactly the window in which a client may already hold the newer
 * revision (from its own write elsewhere) and must still never be answered with older data.
 */
let seeded: { app: FastifyInstance; driver: Driver };
let app: FastifyInstance;

beforeAll(async () => {
  seeded = await seededApp();
  app = await buildTestApp({ REVISION_POLL_MS: '60000', REVISION_MAX_STALE_MS: '60000' });
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

    // Presenting the newer revision through If-None-Match: read from Neo4j, the new link is there.
    const hinted = await app.inject({
      method: 'GET',
      url: URL,
      headers: { 'if-none-match': `"r${newer}-somethingelse"` },
    });
    expect(hinted.statusCode).toBe(200);
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
