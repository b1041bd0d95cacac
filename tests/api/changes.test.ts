import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import {
  editingFixture,
  graphState,
  testSource,
  type EditingFixture,
  entitiesNotFacilitating,
} from '../helpers/editing.js';
import { readSse, type SseEvent } from '../helpers/sse.js';

/**
 * Opens a Server-Sent Events stream over a real HTTP connection (node:http, no connection pool:
 * the socket is ours and is destroyed when we leave).
 */
function openStream(
  url: string,
  headers: Record<string, string>,
): Promise<{
  status: number;
  contentType: string | undefined;
  response: http.IncomingMessage;
  request: http.ClientRequest;
}> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) =>
      resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], response, request }),
    );
    request.on('error', reject);
  });
}

/** Reads events until `until` says stop (or the timeout), then disconnects (tests/helpers/sse.ts). */
async function readEvents(
  url: string,
  headers: Record<string, string>,
  until: (events: SseEvent[]) => boolean,
  options: { timeoutMs?: number; onOpen?: () => Promise<void> } = {},
): Promise<{ events: SseEvent[]; comments: string[]; status: number; contentType: string | undefined }> {
  const { events, comments, status, headers: responseHeaders } = await readSse(url, headers, until, options);
  return { events, comments, status, contentType: responseHeaders['content-type'] };
}

describe('the change log and its event stream', () => {
  let f: EditingFixture;
  let base: string;
  /** Entities that do not facilitate C8 yet (computed from the API, not hard-coded). */
  let free: string[] = [];
  beforeAll(async () => {
    f = await editingFixture();
    await f.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(f.app.server.address() as AddressInfo).port}`;

    free = await entitiesNotFacilitating(f.app, 'C8');
    expect(free.length).toBeGreaterThanOrEqual(4);
  });
  afterAll(async () => f.close());

  const put = (entity: string, role = 'partner') =>
    f.app.inject({
      method: 'PUT',
      url: `/v1/action-lines/C8/facilitators/${encodeURIComponent(entity)}`,
      headers: f.as('editor'),
      payload: { role, source: testSource },
    });

  it('needs a viewer key even though reads are public, and is append-only (no non-GET route in the spec but the stream ticket)', async () => {
    const anonymous = await f.app.inject({ method: 'GET', url: '/v1/changes' });
    expect(anonymous.statusCode).toBe(401);
    expectProblem(anonymous);
    const spec = (await f.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const [path, ops] of Object.entries<Record<string, unknown>>(spec.paths)) {
      if (path === '/v1/changes/stream-tickets') expect(Object.keys(ops), path).toEqual(['post']);
      else if (path.startsWith('/v1/changes')) expect(Object.keys(ops), path).toEqual(['get']);
    }
  });

  it('lists changes newest first with since, actor, target and limit filters, and an ETag', async () => {
    const start = await graphState(f.driver);
    expect((await put(free[0]!)).statusCode).toBe(201);
    expect((await put(free[1]!)).statusCode).toBe(201);
    const admin = await f.app.inject({
      method: 'PATCH',
      url: `/v1/entities/${encodeURIComponent(free[1]!)}`,
      headers: f.as('admin'),
      payload: { verified: true },
    });
    expect([200]).toContain(admin.statusCode);

    const all = await f.app.inject({
      method: 'GET',
      url: `/v1/changes?since=${start.revision}`,
      headers: f.as('viewer'),
    });
    expect(all.statusCode).toBe(200);
    expect(all.headers.etag).toMatch(new RegExp(`^"r${start.revision + 3}`));
    const data = all.json().data as { revision: number; actor: string; target: string; action: string }[];
    expect(data.map((c) => c.revision)).toEqual([start.revision + 3, start.revision + 2, start.revision + 1]);
    expect(data.map((c) => c.actor)).toEqual(['test-admin', 'test-editor', 'test-editor']);
    expect(all.json().meta.total).toBe(3);

    const byActor = await f.app.inject({
      method: 'GET',
      url: `/v1/changes?since=${start.revision}&actor=test-admin`,
      headers: f.as('viewer'),
    });
    expect(byActor.json().data.map((c: { target: string }) => c.target)).toEqual([`entities/${free[1]}`]);
    const byTarget = await f.app.inject({
      method: 'GET',
      url: `/v1/changes?since=${start.revision}&target=action-lines/C8`,
      headers: f.as('viewer'),
    });
    expect(byTarget.json().data.map((c: { target: string }) => c.target)).toEqual([
      `action-lines/C8/facilitators/${free[1]}`,
      `action-lines/C8/facilitators/${free[0]}`,
    ]);
    const limited = await f.app.inject({ method: 'GET', url: `/v1/changes?limit=1`, headers: f.as('viewer') });
    expect(limited.json().data).toHaveLength(1);
    expect(limited.json().data[0].revision).toBe(start.revision + 3);

    const notModified = await f.app.inject({
      method: 'GET',
      url: `/v1/changes?since=${start.revision}`,
      headers: { ...f.as('viewer'), 'if-none-match': all.headers.etag as string },
    });
    expect(notModified.statusCode).toBe(304);

    const bad = await f.app.inject({ method: 'GET', url: '/v1/changes?since=-1&colour=red', headers: f.as('viewer') });
    expect(bad.statusCode).toBe(400);
  });

  it('streams each change as a Server-Sent Event (id = revision.seq), resumes from Last-Event-ID, and stops when the client leaves', async () => {
    const anonymous = await openStream(`${base}/v1/changes/stream`, {});
    anonymous.request.destroy();
    expect(anonymous.status).toBe(401);

    const start = await graphState(f.driver);
    const live = await readEvents(`${base}/v1/changes/stream`, f.as('viewer'), (events) => events.length >= 1, {
      onOpen: async () => {
        expect((await put(free[2]!)).statusCode).toBe(201);
      },
    });
    expect(live.status).toBe(200);
    expect(live.contentType).toMatch(/^text\/event-stream/);
    expect(live.events).toHaveLength(1);
    expect(live.events[0]!.event).toBe('change');
    expect(live.events[0]!.id).toBe(`${start.revision + 1}.0`);
    const change = JSON.parse(live.events[0]!.data!);
    expect(change).toMatchObject({
      action: 'facilitator.put',
      target: `action-lines/C8/facilitators/${free[2]}`,
      actor: 'test-editor',
      revision: start.revision + 1,
    });

    // A second write, then a client resuming after the first one gets only the second.
    expect(
      (
        await f.app.inject({
          method: 'DELETE',
          url: `/v1/action-lines/C8/facilitators/${encodeURIComponent(free[2]!)}`,
          headers: f.as('editor'),
        })
      ).statusCode,
    ).toBe(204);
    const resumed = await readEvents(
      `${base}/v1/changes/stream`,
      { ...f.as('viewer'), 'last-event-id': `${start.revision + 1}.0` },
      (e) => e.length >= 1,
    );
    expect(resumed.events.map((e) => e.id)).toEqual([`${start.revision + 2}.0`]);
    expect(JSON.parse(resumed.events[0]!.data!).action).toBe('facilitator.delete');
    // ?since= works the same way.
    const since = await readEvents(
      `${base}/v1/changes/stream?since=${start.revision}`,
      f.as('viewer'),
      (e) => e.length >= 2,
    );
    expect(since.events.map((e) => e.id)).toEqual([`${start.revision + 1}.0`, `${start.revision + 2}.0`]);

    const bad = await openStream(`${base}/v1/changes/stream`, { ...f.as('viewer'), 'last-event-id': 'abc' });
    bad.request.destroy();
    expect(bad.status).toBe(400);

    // Every stream above was left by its client: no connection stays open on the server.
    let open = -1;
    for (let i = 0; i < 20 && open !== 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      open = await new Promise<number>((resolve) => f.app.server.getConnections((_e, n) => resolve(n)));
    }
    expect(open).toBe(0);
  });

  it('events are driven by the revision in Neo4j: a write by another API instance reaches this stream', async () => {
    const { buildTestApp } = await import('../helpers/app.js');
    const other = await buildTestApp();
    try {
      const start = await graphState(f.driver);
      const got = await readEvents(`${base}/v1/changes/stream`, f.as('viewer'), (e) => e.length >= 1, {
        onOpen: async () => {
          const r = await other.inject({
            method: 'PUT',
            url: `/v1/action-lines/C8/facilitators/${encodeURIComponent(free[3]!)}`,
            headers: f.as('editor'),
            payload: { role: 'partner', source: testSource },
          });
          expect(r.statusCode).toBe(201);
        },
      });
      expect(got.events.map((e) => e.id)).toEqual([`${start.revision + 1}.0`]);
    } finally {
      await other.close();
    }
  });

  it('app.close() ends open streams instead of waiting for them', async () => {
    const { buildTestApp } = await import('../helpers/app.js');
    const other = await buildTestApp();
    await other.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(other.server.address() as AddressInfo).port}/v1/changes/stream`;
    const { status, response, request } = await openStream(url, f.as('viewer'));
    expect(status).toBe(200);
    const ended = new Promise<void>((resolve) => response.on('end', resolve).resume());
    // Without the write-path plugin's preClose hook an open stream keeps close() waiting for ever,
    // and this test fails on its time-out instead of measuring a wall time.
    await other.close();
    await ended; // the client sees the stream end
    request.destroy();
  }, 20_000);
});
