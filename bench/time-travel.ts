// `npm run bench:timetravel`: the cost of time travel on a graph with many recorded changes.
// WRITES to the configured Neo4j (NEO4J_URI): it wipes it, migrates, seeds, then makes CHANGES
// (default 10,000) link changes through POST /v1/imports (500 rows each: SUPPORTS links from the
// action lines to SDG targets, created, then re-sourced, then endorsed…). Refuses to run unless
// TIMETRAVEL_BENCH_SCRATCH=1 says the database is a scratch one.
// Then measures, in the same run (median of REPEAT, default 5):
//   baseline: GET /v1/matrix and GET /v1/links?format=csv now;
//   the same reads at the revision before all those changes (?revision=), i.e. undoing them all;
//   GET /v1/diff from that revision to now.
// Prints times and ratios to the baseline; writes bench/results/time-travel.json. No test asserts on it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.js';
import { prepareDatabase } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { createApiKey } from '../src/db/api-keys.js';
import { Db } from '../src/db/db.js';
import { createDriver } from '../src/db/driver.js';
import { setRevisionCachesEnabled } from '../src/lib/matrix-cache.js';

const log = (message: string) => console.log(`[bench:timetravel] ${message}`);
if (process.env.TIMETRAVEL_BENCH_SCRATCH !== '1') {
  console.error(
    '[bench:timetravel] This wipes the configured Neo4j. Set TIMETRAVEL_BENCH_SCRATCH=1 and NEO4J_URI to a scratch database.',
  );
  process.exit(2);
}
const changes = Number(process.env.CHANGES ?? 10_000);
const repeat = Number(process.env.REPEAT ?? 5);
const batch = 500;

const config = { ...loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), host: '127.0.0.1', port: 0 };
const driver = createDriver(config);
await driver.executeQuery('MATCH (n) DETACH DELETE n');
await prepareDatabase(driver, log);
const { result: key } = await createApiKey(new Db(driver), { name: 'bench-admin', role: 'admin' });
const app = await buildApp(config, { driver, logger: false });
// Process caches off: every read is computed, so the figures are the query, not a cache hit.
setRevisionCachesEnabled(false);
const auth = { authorization: `Bearer ${key.key}` };

const lines = (
  (await app.inject({ method: 'GET', url: '/v1/action-lines?limit=500' })).json().data as { id: string }[]
).map((l) => l.id);
const targets = (
  (await app.inject({ method: 'GET', url: '/v1/sdg-targets?limit=500' })).json().data as { id: string }[]
).map((t) => t.id);
const pairs = lines.flatMap((line) => targets.map((target) => ({ line, target })));
const start = Number(
  (await app.inject({ method: 'GET', url: '/v1/coverage' })).headers.etag!.replace(/^"r(\d+).*$/, '$1'),
);

log(`making ${changes} changes in imports of ${batch} rows on ${pairs.length} line–target pairs…`);
const t0 = performance.now();
for (let made = 0, round = 0; made < changes; round += 1) {
  const rows = [];
  for (let i = 0; i < batch && made < changes; i += 1, made += 1) {
    const pair = pairs[(round * batch + i) % pairs.length]!;
    const pass = Math.floor((round * batch + i) / pairs.length);
    rows.push({
      type: 'SUPPORTS',
      from: pair.line,
      to: pair.target,
      status: pass % 2 === 0 ? 'proposed' : 'endorsed',
      source: `Benchmark source|pass ${pass}|`,
    });
  }
  const response = await app.inject({ method: 'POST', url: '/v1/imports', headers: auth, payload: { rows } });
  if (response.statusCode !== 200) throw new Error(`import → ${response.statusCode}: ${response.body}`);
}
log(`changes made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

async function median(url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeat; i += 1) {
    const began = performance.now();
    const response = await app.inject({ method: 'GET', url });
    if (response.statusCode !== 200) throw new Error(`${url} → ${response.statusCode}: ${response.body.slice(0, 300)}`);
    times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const results = {
  changes,
  repeat,
  matrixNowMs: await median('/v1/matrix'),
  matrixThenMs: await median(`/v1/matrix?revision=${start}`),
  linksCsvNowMs: await median('/v1/links?format=csv'),
  linksCsvThenMs: await median(`/v1/links?format=csv&revision=${start}`),
  diffMs: await median(`/v1/diff?from=${start}`),
};
const ratio = (a: number, b: number) => (a / b).toFixed(1);
log(
  `GET /v1/matrix now ${results.matrixNowMs.toFixed(0)} ms; at r${start} (undoing ${changes} changes) ${results.matrixThenMs.toFixed(0)} ms (×${ratio(results.matrixThenMs, results.matrixNowMs)})`,
);
log(
  `GET /v1/links?format=csv now ${results.linksCsvNowMs.toFixed(0)} ms; at r${start} ${results.linksCsvThenMs.toFixed(0)} ms (×${ratio(results.linksCsvThenMs, results.linksCsvNowMs)})`,
);
log(
  `GET /v1/diff over ${changes} changes ${results.diffMs.toFixed(0)} ms (×${ratio(results.diffMs, results.matrixNowMs)} the matrix now)`,
);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/time-travel.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
await app.close();
await driver.close();
