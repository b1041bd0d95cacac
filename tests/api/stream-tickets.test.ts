import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { Db } from '../../src/db/db.js';
import { issueStreamTicket } from '../../src/db/stream-tickets.js';
import { expectProblem } from '../helpers/app.js';
import {
  editingFixture,
  graphState,
  testSource,
  type EditingFixture,
  entitiesNotFacilitating,
} from '../helpers/editing.js';
import { testNeo4j } from '../helpers/neo4j.js';
import { readSse } from '../helpers/sse.js';

/** The browser route into the change feed: tickets instead of keys in URLs, and event ids that resume exactly. */
describe('change stream for browsers: tickets and exact resumption', () => {
  let f: EditingFixture;
  let base: string;
  let free: string[] = [];
  beforeAll(async () => {
    f = await editingFixture();
    await f.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(f.app.server.address() as AddressInfo).port}`;
    free = await entitiesNotFacilitating(f.app, 'C9');
    expect(free.length).toBeGreaterThanOrEqual(4);
  });
  afterAll(async () => f.close());

  const ticket = async () => {
    const response = await f.app.inject({ method: 'POST', url: '/v1/changes/stream-tickets', headers: f.as('viewer') });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    return response.json() as { ticket: string; expiresAt: string; streamUrl: string };
  };

  it('a viewer key buys a ticket that opens one stream; the revision does not move; a second use is 401', async () => {
    const before = await graphState(f.driver);
    const issued = await ticket();
    expect(issued.ticket).toMatch(/^st_[\w-]{43}$/);
    expect(issued.streamUrl).toBe(`/v1/changes/stream?ticket=${issued.ticket}`);
    expect(await graphState(f.driver)).toEqual(before);

    const opened = await readSse(`${base}${issued.streamUrl}`, {}, () => true, { timeoutMs: 300 });
    expect(opened.status).toBe(200);
    expect(opened.headers['content-type']).toMatch(/^text\/event-stream/);

    const again = await readSse(`${base}${issued.streamUrl}`, {}, () => true, { timeoutMs: 300 });
    expect(again.status).toBe(401);
    expect(JSON.parse(again.body).detail).toMatch(/already used/);
    // Without a ticket or key, and with a made-up ticket: 401 problem+json.
    const anonymous = await f.app.inject({ method: 'GET', url: '/v1/changes/stream' });
    expectProblem(anonymous);
    expect(anonymous.statusCode).toBe(401);
    const forged = await f.app.inject({ method: 'GET', url: `/v1/changes/stream?ticket=st_${'A'.repeat(43)}` });
    expect(forged.statusCode).toBe(401);
    // Buying a ticket needs a key.
    expect((await f.app.inject({ method: 'POST', url: '/v1/changes/stream-tickets' })).statusCode).toBe(401);
  });

  it('an expired ticket is 401 naming the expiry, and is used up', async () => {
    const viewer = f.keys.viewer;
    const old = await issueStreamTicket(new Db(f.driver), viewer.id, new Date(Date.now() - 5 * 60_000));
    const response = await f.app.inject({ method: 'GET', url: `/v1/changes/stream?ticket=${old.ticket}` });
    expect(response.statusCode).toBe(401);
    expect(expectProblem(response).detail).toContain(`expired at ${old.expiresAt}`);
    const count = await f.driver.executeQuery('MATCH (t:StreamTicket) WHERE t.expiresAt = $at RETURN count(t) AS n', {
      at: old.expiresAt,
    });
    expect(Number(count.records[0]!.get('n'))).toBe(0);
  });

  it('a ticket of a revoked key opens nothing', async () => {
    const { createApiKey, revokeApiKey } = await import('../../src/db/api-keys.js');
    const db = new Db(f.driver);
    const key = (await createApiKey(db, { name: `soon-revoked-${Date.now()}`, role: 'viewer' })).result;
    const issued = await issueStreamTicket(db, key.id);
    await revokeApiKey(db, key.id, { actor: 'test', actorRole: 'admin', address: '127.0.0.1', requestId: 'test' });
    const response = await f.app.inject({ method: 'GET', url: `/v1/changes/stream?ticket=${issued.ticket}` });
    expect(response.statusCode).toBe(401);
    expect(expectProblem(response).detail).toMatch(/revoked/);
  });

  it('the ticket never reaches the log: request URLs are logged with ticket=[redacted]', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { uri, username, password } = testNeo4j();
    const logged = await buildApp(
      loadConfig({ NEO4J_URI: uri, NEO4J_USERNAME: username, NEO4J_PASSWORD: password, LOG_LEVEL: 'info' }),
      { driver: f.driver, logStream: sink },
    );
    try {
      const { ticket: secret } = await ticket();
      await logged.inject({ method: 'GET', url: `/v1/changes/stream?ticket=${secret}&since=abc` });
      const text = lines.join('');
      expect(text).toContain('/v1/changes/stream?ticket=[redacted]&since=abc');
      expect(text).not.toContain(secret);
    } finally {
      await logged.close();
    }
  });

  it('each record of a multi-row import has its own ordered id; Last-Event-ID in the middle resumes with the rest', async () => {
    const start = await graphState(f.driver);
    const rows = free.slice(0, 3).map((entity) => ({
      type: 'FACILITATES',
      from: entity,
      to: 'C9',
      role: 'partner',
      status: 'proposed',
      source: testSource,
    }));
    const imported = await f.app.inject({
      method: 'POST',
      url: '/v1/imports',
      headers: f.as('editor'),
      payload: { rows, reason: 'stream resumption test' },
    });
    expect(imported.statusCode).toBe(200);
    const revision = start.revision + 1;
    expect(imported.json().etag).toBe(`"r${revision}"`);

    // Everything after the previous revision: 3 rows + the import record, one revision, ids .0 … .3.
    const all = await readSse(
      `${base}/v1/changes/stream?since=${start.revision}`,
      f.as('viewer'),
      (e) => e.length >= 4,
    );
    const ids = all.events.map((e) => e.id);
    expect(ids).toEqual([0, 1, 2, 3].map((seq) => `${revision}.${seq}`));
    expect(JSON.parse(all.events[3]!.data!).action).toBe('import');

    // A client that got the first two events reconnects: it gets exactly the other two.
    const resumed = await readSse(
      `${base}/v1/changes/stream`,
      { ...f.as('viewer'), 'last-event-id': ids[1]! },
      (e) => e.length >= 2,
      { timeoutMs: 3000 },
    );
    expect(resumed.events.map((e) => e.id)).toEqual(ids.slice(2));
    expect(resumed.events.map((e) => JSON.parse(e.data!).id)).toEqual(
      all.events.slice(2).map((e) => JSON.parse(e.data!).id),
    );

    // The same through a fresh ticket and ?lastEventId= (a browser opening a new EventSource).
    const { ticket: t } = await ticket();
    const viaTicket = await readSse(
      `${base}/v1/changes/stream?ticket=${t}&lastEventId=${ids[2]}`,
      {},
      (e) => e.length >= 1,
      { timeoutMs: 3000 },
    );
    expect(viaTicket.events.map((e) => e.id)).toEqual([ids[3]]);

    // A bare revision as Last-Event-ID means all of it was seen.
    const bare = await readSse(
      `${base}/v1/changes/stream`,
      { ...f.as('viewer'), 'last-event-id': String(revision) },
      () => false,
      {
        timeoutMs: 1500,
      },
    );
    expect(bare.events).toEqual([]);
  });

  it('a malformed Last-Event-ID or lastEventId is 400 naming it', async () => {
    const header = await f.app.inject({
      method: 'GET',
      url: '/v1/changes/stream',
      headers: { ...f.as('viewer'), 'last-event-id': '12.x' },
    });
    expect(header.statusCode).toBe(400);
    expect(expectProblem(header).errors?.[0]?.path).toBe('header.last-event-id');
    const query = await f.app.inject({
      method: 'GET',
      url: '/v1/changes/stream?lastEventId=r12',
      headers: f.as('viewer'),
    });
    expect(query.statusCode).toBe(400);
    expect(expectProblem(query).errors?.[0]?.path).toBe('query.lastEventId');
  });
});
