/**
 * The chaos suite: a real Neo4j (own port and data folder) and real API processes on loopback,
 * under a bounded mixed load, in three phases:
 *   (a) steady   concurrent readers and writers on owned cells with Neo4j up;
 *   (b) outage   Neo4j SIGKILLed under load, then restarted;
 *   (c) two APIs a second API process on the same Neo4j.
 * Checks (see harness.ts): zero 5xx with Neo4j up; only 503 + Retry-After while it is down;
 * every read equals the committed state its ETag names; every acknowledged write has exactly one
 * Change; both APIs agree on ETags and bodies and see each other's writes and change feeds.
 *
 * `npm run test:chaos:short` runs the short profile; `npm run test:chaos` the long one (CHAOS_PROFILE=long:
 * 10 writers, 6 readers, a 60 s outage run like the one in the issue). Ports: Neo4j on
 * CHAOS_NEO4J_PORT (default NEO4J_TEST_PORT + 1), APIs on CHAOS_API_PORT and the next one
 * (default: free ports).
 */
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { hashKey } from '../../src/db/api-keys.js';
import { ChaosApi, ChaosNeo4j, Load, percentile, pickCells, statusTable } from './harness.js';

const LONG = process.env.CHAOS_PROFILE === 'long';
const P = LONG
  ? {
      writers: 10,
      readers: 6,
      cellsPerWriter: 4,
      steadyMs: 45_000,
      beforeKillMs: 20_000,
      outageMs: 10_000,
      recoveryMs: 30_000,
      twoApiMs: 20_000,
    }
  : {
      writers: 3,
      readers: 3,
      cellsPerWriter: 3,
      steadyMs: 6_000,
      beforeKillMs: 2_000,
      outageMs: 1_000,
      recoveryMs: 3_000,
      twoApiMs: 4_000,
    };

// Next to the test database's port: a run given NEO4J_TEST_PORT=N owns N and N+1.
const NEO4J_PORT = Number(process.env.CHAOS_NEO4J_PORT || Number(process.env.NEO4J_TEST_PORT || 7688) + 1);
/** The issue's goal: the first write succeeds within this long after Neo4j is ready again. */
const RECOVERY_TARGET_MS = 2000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits for an SSE event with `id: <revision>` on `api`'s change stream, within `ms`. */
async function awaitChangeEvent(api: string, key: string, revision: number, write: () => Promise<number>, ms = 10_000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    const response = await fetch(`${api}/v1/changes/stream?since=${revision}`, {
      headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const written = await write();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { written, seen: false };
      text += new TextDecoder().decode(value);
      // Event ids are `<revision>.<seq>` (one per Change of the write).
      if (new RegExp(`^id: ${written}(\\.\\d+)?$`, 'm').test(text)) return { written, seen: true, text };
    }
  } catch {
    return { written: -1, seen: false };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

describe(`chaos (${LONG ? 'long' : 'short'} profile)`, () => {
  const neo = new ChaosNeo4j(NEO4J_PORT);
  const apis: ChaosApi[] = [];

  afterAll(async () => {
    for (const api of apis) await api.stop();
    await neo.stop();
  }, 120_000);

  it(
    'no 5xx with Neo4j up, only fast 503s while it is down, no lost or doubled write, no mislabelled read, two APIs agree',
    async () => {
      const key = await neo.startFresh();
      const driver = neo.driver();
      const cells = await pickCells(driver, P.writers * P.cellsPerWriter);
      const apiPort = Number(process.env.CHAOS_API_PORT || 0);
      const api1 = new ChaosApi(apiPort || (await freePort()), neo.uri);
      const api2 = new ChaosApi(apiPort ? apiPort + 1 : await freePort(), neo.uri);
      apis.push(api1, api2);
      await api1.start();

      const load = new Load(key, cells);
      const run = (api: () => string) => {
        load.resume();
        return [
          ...Array.from({ length: P.writers }, (_, i) =>
            load.writer(
              api,
              cells.filter((_, j) => j % P.writers === i),
            ),
          ),
          ...Array.from({ length: P.readers }, () => load.reader(api)),
        ];
      };

      // (a) steady load, Neo4j up
      load.phase = 'steady';
      const steadyFrom = Date.now();
      let workers = run(() => api1.base);
      await sleep(P.steadyMs);
      load.stop();
      await Promise.all(workers);
      const steadyUntil = Date.now();

      // (b) SIGKILL under load, restart. Requests are put in before-kill / outage / recovery by
      // when they started, against the kill and Neo4j's measured readiness (below).
      load.phase = 'outage-run';
      workers = run(() => api1.base);
      await sleep(P.beforeKillMs);
      const readyz: { at: number; status: number }[] = [];
      let polling = true;
      const poller = (async () => {
        while (polling) {
          const r = await fetch(`${api1.base}/readyz`).catch(() => undefined);
          readyz.push({ at: Date.now(), status: r?.status ?? 0 });
          await sleep(100);
        }
      })();
      const killedAt = Date.now();
      neo.kill();
      // Neo4j's readiness: the first instant a write could commit. The launcher opens its port only
      // once Neo4j is started and warm, and says when; a fresh driver's first committed write is
      // the measure from outside (a restarting server without the gate accepts connections long
      // before it can write). Whichever came first: the API's own writes can precede the probe's.
      const probeReady = (async () => {
        for (;;) {
          const probe = neo.driver();
          const ok = await Promise.race([
            probe.executeQuery('CREATE (p:ReadinessProbe) DELETE p').then(
              () => true,
              () => false,
            ),
            sleep(1000).then(() => false),
          ]);
          void probe.close().catch(() => {});
          if (ok) return Date.now();
          await sleep(50);
        }
      })();
      await sleep(P.outageMs);
      // What the launcher recorded of the load before the kill, for its warm-up at the restart.
      const shapesAtKill = neo.queryShapes();
      await neo.start();
      const launcherReadyAt = Date.now();
      const warmup =
        /^NEO4J_WARMUP ran (\d+) of (\d+) recorded shapes and planned (\d+) more of (\d+) listed queries \((\d+) failed\) in (\d+) ms/m
          .exec(neo.launcherLog())
          ?.slice(1)
          .map(Number);
      const probeReadyAt = await probeReady;
      const portOpenedAt = neo.portOpenedAt();
      const neo4jReadyAt = Math.min(probeReadyAt, portOpenedAt ?? probeReadyAt);
      // The second API starts meanwhile (it needs Neo4j up; its start-up is not part of the load).
      const api2Started = api2.start();
      await sleep(P.recoveryMs);
      const firstWriteAfterKill = () =>
        load.requests
          .filter((r) => r.kind === 'write' && r.status >= 200 && r.status < 300 && r.startedAt >= killedAt)
          .map((r) => r.startedAt + r.ms)
          .sort((a, b) => a - b)[0];
      while (firstWriteAfterKill() === undefined && Date.now() - neo4jReadyAt < 30_000) await sleep(200);
      const firstWrite = firstWriteAfterKill();
      load.stop();
      await Promise.all(workers);
      polling = false;
      await poller;
      for (const r of load.requests) {
        if (r.phase !== 'outage-run') continue;
        // The first RECOVERY_TARGET_MS after readiness may still meet the API's closed gate (its
        // probe has not committed yet): 503 + Retry-After is right there, a 5xx after it is not.
        r.phase =
          r.startedAt < killedAt
            ? 'before-kill'
            : r.startedAt < neo4jReadyAt
              ? 'outage'
              : r.startedAt < neo4jReadyAt + RECOVERY_TARGET_MS
                ? 'recovering'
                : 'recovery';
      }
      const readyzOkAt = readyz.find((r) => r.at >= neo4jReadyAt - 1000 && r.status === 200 && r.at > killedAt)?.at;
      const readyzWrongly = readyz.filter(
        (r) => r.at > killedAt + 1500 && r.at < neo4jReadyAt - 500 && r.status === 200,
      );

      // (c) a second API on the same Neo4j
      await api2Started;
      load.phase = 'two-apis';
      const auth = { authorization: `Bearer ${key}` };
      const compared = ['/v1/matrix', '/v1/gaps', '/v1/links?limit=500', '/v1/changes?limit=50', '/v1/action-lines/C3'];
      const disagreements: string[] = [];
      for (const url of compared) {
        const [a, b] = await Promise.all([api1, api2].map((api) => fetch(`${api.base}${url}`, { headers: auth })));
        const [ta, tb] = await Promise.all([a!.text(), b!.text()]);
        if (a!.status !== 200 || a!.headers.get('etag') !== b!.headers.get('etag') || ta !== tb) {
          disagreements.push(
            `${url}: ${a!.status}/${b!.status} ${a!.headers.get('etag')} vs ${b!.headers.get('etag')}`,
          );
        }
      }
      const putVia = async (api: ChaosApi, role: string): Promise<number> => {
        const cell = cells[0]!;
        const r = await fetch(`${api.base}/v1/action-lines/${cell.line}/facilitators/${cell.entity}`, {
          method: 'PUT',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            role,
            rationale: `cross ${Date.now()}`,
            reason: 'chaos cross-API',
            source: { document: 'Chaos suite test write', locator: 'n/a', url: null },
          }),
        });
        await r.text();
        return Number(/^"r(\d+)"$/.exec(r.headers.get('etag') ?? '')?.[1] ?? -1);
      };
      const current = async (api: ChaosApi) =>
        Number(/^"r(\d+)/.exec((await fetch(`${api.base}/v1/action-lines/C1`)).headers.get('etag') ?? '')?.[1]);
      // Writes through one are visible through the other at once; each one's feed sees the other's writes.
      const feed2 = await awaitChangeEvent(api2.base, key, await current(api2), () => putVia(api1, 'co'));
      const feed1 = await awaitChangeEvent(api1.base, key, await current(api1), () => putVia(api2, 'partner'));
      const seenThrough2 = await fetch(`${api2.base}/v1/links?from=${cells[0]!.entity}&to=${cells[0]!.line}`);
      const seenBody = (await seenThrough2.json()) as { data: { role: string }[] };
      const crossVisible = seenBody.data[0]?.role === 'partner';

      let turn = 0;
      workers = run(() => (turn++ % 2 === 0 ? api1 : api2).base);
      await sleep(P.twoApiMs);
      load.stop();
      await Promise.all(workers);

      const { mislabelledReads, lostWrites, doubledWrites } = await load.check(driver);
      await driver.close();

      // ---- summary
      const outage = load.requests.filter((r) => r.phase === 'outage');
      const steadyMs = load.requests.filter((r) => r.phase === 'steady').map((r) => r.ms);
      const outage503 = outage.filter((r) => r.status === 503).map((r) => r.ms);
      const upPhases = ['steady', 'recovery', 'two-apis'];
      const fiveHundreds = load.requests.filter((r) => r.status >= 500 && r.status !== 503).length;
      const upFiveXx = load.requests.filter((r) => upPhases.includes(r.phase) && r.status >= 500).length;
      const badOutage = [...outage, ...load.requests.filter((r) => r.phase === 'recovering')].filter(
        (r) => !((r.status === 503 && r.retryAfter) || (r.status >= 200 && r.status < 300)),
      ).length;
      const readinessToFirstWrite = firstWrite === undefined ? Number.NaN : firstWrite - neo4jReadyAt;
      const lines = [
        '',
        `CHAOS SUMMARY (${LONG ? 'long' : 'short'}: ${P.writers} writers, ${P.readers} readers, ${cells.length} owned cells)`,
        statusTable(load.requests),
        '',
        `reads checked against the change log : ${load.reads.length}`,
        `acknowledged writes                  : ${load.acks.length}`,
        `lost acknowledged writes             : ${lostWrites}`,
        `doubled change records               : ${doubledWrites}`,
        `torn or mislabelled reads            : ${mislabelledReads}`,
        `500s (any phase)                     : ${fiveHundreds}`,
        `5xx while Neo4j up                   : ${upFiveXx}`,
        `outage/recovering answers not 503+RA/2xx: ${badOutage}`,
        `steady latency p50 / p99 / max       : ${steadyMs.length ? `${percentile(steadyMs, 50)} / ${percentile(steadyMs, 99)} / ${Math.max(...steadyMs)}` : '-'} ms (${steadyMs.length} requests)`,
        `outage 503 latency p50 / p99 / max   : ${percentile(outage503, 50)} / ${percentile(outage503, 99)} / ${Math.max(...outage503)} ms (${outage503.length} requests)`,
        `Neo4j down (kill → ready)            : ${neo4jReadyAt - killedAt} ms (port opened +${portOpenedAt === undefined ? '?' : portOpenedAt - neo4jReadyAt} ms, fresh driver's first write +${probeReadyAt - neo4jReadyAt} ms, launcher reported +${launcherReadyAt - neo4jReadyAt} ms)`,
        `Neo4j ready → /readyz 200            : ${readyzOkAt === undefined ? 'never' : `${readyzOkAt - neo4jReadyAt} ms`}`,
        `Neo4j ready → first successful write : ${readinessToFirstWrite} ms (API gate open → first write ${firstWrite === undefined || readyzOkAt === undefined ? '-' : firstWrite - readyzOkAt} ms)`,
        `/readyz 200 while Neo4j was down     : ${readyzWrongly.length}`,
        `launcher warm-up at the restart      : ${warmup ? `${warmup[0]} of ${warmup[1]} recorded shapes run, ${warmup[2]} more queries planned, ${warmup[4]} failed, ${warmup[5]} ms` : 'no report'}`,
        `two APIs: ETag/body disagreements    : ${disagreements.length}`,
        `two APIs: cross writes visible, feeds: ${crossVisible}, api2 feed ${feed2.seen}, api1 feed ${feed1.seen}`,
        ...load.violations.slice(0, 15).map((v) => `  violation: ${v}`),
        ...[
          ['steady', api1.reasons(steadyFrom, steadyUntil)],
          ['recovery', api1.reasons(neo4jReadyAt)],
          ['two-apis (api2)', api2.reasons()],
        ].flatMap(([phase, reasons]) =>
          [...(reasons as Map<string, number>)].map(([why, n]) => `  ${phase} warnings: ${n} × ${why}`),
        ),
        ...[api1, api2].flatMap((api) =>
          api.log
            .split('\n')
            .filter((l) => l.includes('unhandled error'))
            .slice(0, 2)
            .map((l) => `  API error log: ${l.slice(0, 600)}`),
        ),
        '',
      ];
      console.log(lines.join('\n'));
      if (process.env.CHAOS_DEBUG) {
        const around = load.requests
          .filter((r) => r.startedAt + r.ms >= neo4jReadyAt - 3000 && r.startedAt <= neo4jReadyAt + 15_000)
          .sort((a, b) => a.startedAt - b.startedAt);
        for (const r of around) console.log(`  ${r.startedAt - neo4jReadyAt}+${r.ms} ${r.kind} ${r.what} ${r.status}`);
        for (const r of readyz.filter((x) => x.at >= neo4jReadyAt - 2000 && x.at <= neo4jReadyAt + 5000))
          console.log(`  readyz ${r.at - neo4jReadyAt} ${r.status}`);
        console.log(`  killed at ${killedAt - neo4jReadyAt}`);
        for (const line of api1.log.split('\n')) {
          const m = /"time":(\d+).*"msg":"([^"]*)"/.exec(line);
          if (m && Number(m[1]) >= killedAt - 1000 && !m[2]!.startsWith('Neo4j unavailable'))
            console.log(`  api1 ${Number(m[1]) - neo4jReadyAt} ${line.slice(0, 400)}`);
        }
      }

      expect(load.violations).toEqual([]);
      expect(lostWrites).toBe(0);
      expect(doubledWrites).toBe(0);
      expect(mislabelledReads).toBe(0);
      expect(fiveHundreds).toBe(0);
      expect(upFiveXx).toBe(0);
      expect(badOutage).toBe(0);
      expect(outage503.length).toBeGreaterThan(0);
      // Outage answers come from the API's gate, so their bound holds on any machine. The first write
      // after a restart waits for the restarted JVM to compile its first queries: the long profile
      // (`npm run test:chaos`) holds it to the 2 s goal; the short one inside `npm test`, on a shared
      // 2-core machine, only to "writes resume by themselves".
      expect(percentile(outage503, 99)).toBeLessThanOrEqual(1500);
      expect(portOpenedAt).toBeDefined();
      expect(readinessToFirstWrite).toBeGreaterThanOrEqual(0);
      expect(readinessToFirstWrite).toBeLessThanOrEqual(LONG ? RECOVERY_TARGET_MS : 60_000);
      expect(readyzWrongly).toEqual([]);
      // The restarted Neo4j ran what the API had run before the kill (with stand-in values: the
      // recorded shapes hold lengths, never the key or its hash).
      expect(shapesAtKill).toContain('api-keys/by-hash\tfresh\tm{hash=s64}\n');
      expect(shapesAtKill).not.toContain(hashKey(key));
      expect(shapesAtKill).not.toContain(key);
      expect(warmup, neo.launcherLog().slice(0, 2000)).toBeDefined();
      expect(warmup![0]).toBeGreaterThan(0);
      expect(warmup![4]).toBe(0);
      expect(disagreements).toEqual([]);
      expect(crossVisible).toBe(true);
      expect(feed1.seen && feed2.seen).toBe(true);
      expect(load.reads.length).toBeGreaterThan(0);
      expect(load.acks.length).toBeGreaterThan(0);
    },
    LONG ? 900_000 : 400_000,
  );
});
