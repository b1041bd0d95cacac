import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import { editingFixture, graphState, testSource, type EditingFixture } from '../helpers/editing.js';

/**
 * Coverage over time from the change log. The log is "seeded" with known days: the test makes real
 * edits through the API, then moves their recorded times (and the seed load's) to fixed days, as if
 * they had been made then. Nothing else in the log is touched.
 */
describe('coverage over time and roadmap gauges', () => {
  let f: EditingFixture;
  let targets: string[];
  let baseSupported: number;
  /** Change records made before the edits (the seed load, the fixture's keys), all dated day 1. */
  let earlier: number;
  beforeAll(async () => {
    f = await editingFixture();
    const gaps = (await f.app.inject({ method: 'GET', url: '/v1/gaps?kind=sdg-targets-without-support' })).json();
    targets = gaps.data['sdg-targets-without-support'].map((t: { id: string }) => t.id).slice(0, 3);
    expect(targets.length).toBe(3);
    baseSupported = (await f.app.inject({ method: 'GET', url: '/v1/coverage' })).json().data.totals.supportedTargets;

    // Everything logged so far happened on day 1, in revision order.
    const moved = await f.driver.executeQuery(
      "MATCH (c:Change) SET c.at = '2026-01-01T09:00:00.000Z' RETURN count(c) AS n",
    );
    earlier = Number(moved.records[0]!.get('n'));
    const support = (target: string) =>
      f.app.inject({
        method: 'PUT',
        url: `/v1/action-lines/C3/sdg-targets/${encodeURIComponent(target)}`,
        headers: f.as('editor'),
        payload: { status: 'endorsed', source: testSource },
      });
    // Day 2, 3 and 4: one more supported target each day.
    for (const [i, target] of targets.entries()) {
      const before = await graphState(f.driver);
      expect((await support(target)).statusCode).toBe(201);
      await f.driver.executeQuery('MATCH (c:Change {revision: $r}) SET c.at = $at', {
        r: before.revision + 1,
        at: `2026-01-0${i + 2}T10:00:00.000Z`,
      });
    }
    // Day 5: the first one is removed again.
    const before = await graphState(f.driver);
    expect(
      (
        await f.app.inject({
          method: 'DELETE',
          url: `/v1/action-lines/C3/sdg-targets/${encodeURIComponent(targets[0]!)}`,
          headers: f.as('editor'),
        })
      ).statusCode,
    ).toBe(204);
    await f.driver.executeQuery("MATCH (c:Change {revision: $r}) SET c.at = '2026-01-05T16:30:00.000Z'", {
      r: before.revision + 1,
    });
  });
  afterAll(async () => f.close());

  it('three edits on three days show as three steps, the removal as a fourth, and the last point is /v1/coverage', async () => {
    const response = await f.app.inject({
      method: 'GET',
      url: '/v1/coverage/history?from=2026-01-01&to=2026-01-06&interval=day',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.data.map((p: { from: string }) => p.from.slice(0, 10))).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
      '2026-01-05',
    ]);
    expect(body.data.map((p: { supportedTargets: number }) => p.supportedTargets)).toEqual([
      baseSupported,
      baseSupported + 1,
      baseSupported + 2,
      baseSupported + 3,
      baseSupported + 2,
    ]);
    expect(body.data.map((p: { changes: number }) => p.changes)).toEqual([earlier, 1, 1, 1, 1]);
    const current = (await f.app.inject({ method: 'GET', url: '/v1/coverage' })).json();
    const { from: _from, to: _to, revision, changes: _changes, ...last } = body.data.at(-1);
    expect(last).toEqual(current.data.totals);
    expect(revision).toBe(current.meta.revision);
    expect(body.meta).toMatchObject({
      interval: 'day',
      etag: current.meta.etag,
      historyStart: '2026-01-01T09:00:00.000Z',
    });
  });

  it('weeks and months aggregate to the state at their end; intervals before the seed load are left out', async () => {
    const weeks = (
      await f.app.inject({ method: 'GET', url: '/v1/coverage/history?from=2025-12-01&to=2026-01-06&interval=week' })
    ).json();
    // ISO weeks from Monday; only the week of 29 Dec (which ends after the seed load) remains.
    expect(weeks.data.map((p: { from: string; to: string }) => [p.from.slice(0, 10), p.to.slice(0, 10)])).toEqual([
      ['2025-12-29', '2026-01-05'],
      ['2026-01-05', '2026-01-06'],
    ]);
    expect(weeks.data.map((p: { supportedTargets: number }) => p.supportedTargets)).toEqual([
      baseSupported + 3,
      baseSupported + 2,
    ]);
    const months = (
      await f.app.inject({ method: 'GET', url: '/v1/coverage/history?from=2026-01-01&to=2026-02-01&interval=month' })
    ).json();
    expect(months.data).toHaveLength(1);
    expect(months.data[0].changes).toBe(earlier + 4);
  });

  it('as CSV: one line per interval, read back with csv-parse', async () => {
    const response = await f.app.inject({
      method: 'GET',
      url: '/v1/coverage/history?from=2026-01-01&to=2026-01-06&interval=day&format=csv',
    });
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => Number(r.supportedTargets))).toEqual([0, 1, 2, 3, 2].map((n) => baseSupported + n));
    expect(Object.keys(rows[0]!).slice(0, 4)).toEqual(['from', 'to', 'revision', 'changes']);
  });

  it('a bad interval or range is 400 naming the field, and changes nothing', async () => {
    const before = await graphState(f.driver);
    for (const [query, field] of [
      ['interval=hour', 'query.interval'],
      ['from=2026-02-01&to=2026-01-01', 'query.from'],
      ['from=yesterday', 'query.from'],
      ['from=2020-01-01&to=2026-01-01&interval=day', 'query.interval'],
    ] as const) {
      const response = await f.app.inject({ method: 'GET', url: `/v1/coverage/history?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(
        expectProblem(response).errors?.map((e) => e.path),
        query,
      ).toContain(field);
    }
    expect(await graphState(f.driver)).toEqual(before);
  });

  it('/metrics has the gap counts per kind and the coverage shares, refreshed when the revision moves', async () => {
    const gauge = (text: string, name: string) =>
      Number(new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    const read = async () => (await f.app.inject({ method: 'GET', url: '/metrics' })).body;
    const gaps = (await f.app.inject({ method: 'GET', url: '/v1/gaps' })).json();
    const coverage = (await f.app.inject({ method: 'GET', url: '/v1/coverage' })).json().data.totals;
    let text = await read();
    for (const [kind, count] of Object.entries<number>(gaps.meta.counts)) {
      expect(gauge(text, `roadmap_gaps{kind="${kind}"}`), kind).toBe(count);
    }
    expect(gauge(text, 'roadmap_coverage_share{measure="targets-supported"}')).toBeCloseTo(
      coverage.shareTargetsSupported,
      12,
    );
    expect(gauge(text, 'roadmap_coverage_share{measure="action-lines-with-lead"}')).toBeCloseTo(
      coverage.shareActionLinesWithLead,
      12,
    );
    const withoutSupport = gauge(text, 'roadmap_gaps{kind="sdg-targets-without-support"}');
    // An edit moves the revision: the next scrape shows it.
    expect(
      (
        await f.app.inject({
          method: 'PUT',
          url: `/v1/action-lines/C3/sdg-targets/${encodeURIComponent(targets[0]!)}`,
          headers: f.as('editor'),
          payload: { status: 'endorsed', source: testSource },
        })
      ).statusCode,
    ).toBe(201);
    text = await read();
    expect(gauge(text, 'roadmap_gaps{kind="sdg-targets-without-support"}')).toBe(withoutSupport - 1);
    expect(gauge(text, 'roadmap_graph_revision')).toBe((await graphState(f.driver)).revision);
  });
});
