/**
 * The write announcements behind consistent reads (src/db/consistency.ts), on the real app:
 * a write leaves no announcement behind; reads still answer, with the right ETag, while a write
 * is announced (they fall back to reading under the revision lock); an announcement left by a
 * dead writer is dropped by the next write once stale. Concurrency itself is exercised by the
 * chaos suite (tests/chaos/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revisionOfEtag } from '../../src/lib/conditional.js';
import { editingFixture, etagOf, graphState, testSource, type EditingFixture } from '../helpers/editing.js';

describe('write announcements and consistent reads', () => {
  let f: EditingFixture;
  const pending = async () =>
    (
      await f.driver.executeQuery("MATCH (r:GraphRevision {id: 'graph'}) RETURN coalesce(r.pending, []) AS p")
    ).records[0]!.get('p') as string[];
  const announce = (entry: string) =>
    f.driver.executeQuery("MATCH (r:GraphRevision {id: 'graph'}) SET r.pending = coalesce(r.pending, []) + [$entry]", {
      entry,
    });
  const put = (entity: string, rationale: string) =>
    f.app.inject({
      method: 'PUT',
      url: `/v1/action-lines/C4/facilitators/${entity}`,
      headers: f.as('editor'),
      payload: { role: 'partner', source: testSource, rationale, reason: 'consistency test' },
    });

  beforeAll(async () => {
    f = await editingFixture();
  });
  afterAll(async () => f.close());

  it('a write announces itself and settles: nothing stays pending', async () => {
    const r = await put('UNESCO', 'first');
    expect(r.statusCode, r.body).toBeLessThan(300);
    // The answer does not wait for the settlement (WriteIntents.settleSoon); it is under way.
    await f.app.db.intents.settled();
    const { records } = await f.driver.executeQuery("MATCH (r:GraphRevision {id: 'graph'}) RETURN r.pending AS p");
    expect(records[0]!.get('p')).toBeNull(); // settled to nothing: no empty list left behind
  });

  it('reads answer, with the ETag of the committed revision, while a write is announced', async () => {
    const { revision } = await graphState(f.driver);
    await announce(`${Date.now()}:in-flight-writer`);
    try {
      const item = await f.app.inject({ method: 'GET', url: '/v1/action-lines/C4' });
      expect(item.statusCode).toBe(200);
      expect(item.headers.etag).toBe(etagOf(revision));
      const links = await f.app.inject({ method: 'GET', url: '/v1/links?from=UNESCO&to=C4' });
      expect(links.statusCode).toBe(200);
      expect(links.json().data).toEqual([expect.objectContaining({ role: 'partner', rationale: 'first' })]);
      // Streamed exports too: a write in flight makes them wait for a clean read, never fail (no 503).
      const csv = await f.app.inject({ method: 'GET', url: '/v1/links?from=UNESCO&to=C4&format=csv' });
      expect(csv.statusCode, csv.body).toBe(200);
      expect(revisionOfEtag(String(csv.headers.etag))).toBe(revision);
      expect(csv.headers['server-timing']).toBe('read;desc="locked"'); // under the revision lock
      expect(csv.body).toMatch(/,partner,.*,first,/);
      const gaps = await f.app.inject({ method: 'GET', url: '/v1/gaps?format=ndjson&kind=entity-workload' });
      expect(gaps.statusCode, gaps.body).toBe(200);
      expect(revisionOfEtag(String(gaps.headers.etag))).toBe(revision);
    } finally {
      await f.driver.executeQuery("MATCH (r:GraphRevision {id: 'graph'}) REMOVE r.pending");
    }
  });

  it("a dead writer's stale announcement is dropped by the next write; a fresh one is kept", async () => {
    const stale = `${Date.now() - 60_000}:dead-writer`;
    const fresh = `${Date.now()}:live-writer`;
    await announce(stale);
    await announce(fresh);
    const r = await put('UNESCO', 'second');
    expect(r.statusCode, r.body).toBeLessThan(300);
    await f.app.db.intents.settled();
    expect(await pending()).toEqual([fresh]);
    await f.driver.executeQuery("MATCH (r:GraphRevision {id: 'graph'}) REMOVE r.pending");
  });
});
