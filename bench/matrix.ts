// `npm run bench`: throughput and latency of GET /v1/matrix (cold and warm) and GET /v1/gaps against
// the configured Neo4j (NEO4J_URI etc., migrated and seeded if empty), next to a baseline measured in
// the same run: a bare Fastify route returning the very same bytes as GET /v1/matrix. Everything
// listens on 127.0.0.1 (random ports) and each scenario runs a bounded time (BENCH_SECONDS, default 5).
// Prints req/s, p50/p99 latency and ratios against the baseline; writes bench/results/latest.json.
// Numbers are for comparing runs on one machine; no test asserts on them.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import autocannon, { type Result } from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/app.js';
import { prepareDatabase } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import { revisionCacheStats, setRevisionCachesEnabled } from '../src/lib/matrix-cache.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const log = (message: string) => console.log(`[bench] ${message}`);

const config = { ...loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), host: '127.0.0.1', port: 0 };
const driver = createDriver(config);
try {
  await driver.verifyConnectivity();
} catch (error) {
  console.error(
    `[bench] Neo4j at ${config.neo4j.uri} is unreachable (${(error as Error).message}). Start it first (npm start), or set NEO4J_URI.`,
  );
  await driver.close();
  process.exit(2);
}
await prepareDatabase(driver, log);

// The API; cold scenarios turn its process caches off (every request recomputes), warm ones on.
const app = await buildApp(config, { driver, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const api = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

// The baseline: a bare Fastify route sending the same bytes (and content type) as GET /v1/matrix.
const reference = await fetch(`${api}/v1/matrix`);
if (reference.status !== 200) throw new Error(`GET /v1/matrix → ${reference.status}: ${await reference.text()}`);
const bytes = Buffer.from(await reference.arrayBuffer());
const etag = reference.headers.get('etag')!;
const bare = Fastify({ logger: false });
bare.get('/same-bytes', async (_request, reply) => reply.type('application/json; charset=utf-8').send(bytes));
await bare.listen({ host: '127.0.0.1', port: 0 });
const baselineUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/same-bytes`;

interface Scenario {
  name: string;
  url: string;
  headers?: Record<string, string>;
  expect: number;
  cold?: boolean;
}
const scenarios: Scenario[] = [
  { name: 'baseline (bare Fastify, same bytes)', url: baselineUrl, expect: 200 },
  { name: 'GET /v1/matrix warm (cached)', url: `${api}/v1/matrix`, expect: 200 },
  { name: 'GET /v1/matrix cold (cache off: recomputed per request)', url: `${api}/v1/matrix`, expect: 200, cold: true },
  {
    name: 'GET /v1/matrix 304 (If-None-Match)',
    url: `${api}/v1/matrix`,
    headers: { 'if-none-match': etag },
    expect: 304,
  },
  {
    name: 'GET /v1/matrix?rows=action-lines&cols=sdgs&derived=true warm',
    url: `${api}/v1/matrix?rows=action-lines&cols=sdgs&derived=true`,
    expect: 200,
  },
  { name: 'GET /v1/gaps warm (cached)', url: `${api}/v1/gaps`, expect: 200 },
  { name: 'GET /v1/gaps cold (cache off: recomputed per request)', url: `${api}/v1/gaps`, expect: 200, cold: true },
];

interface Row {
  name: string;
  url: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  unexpectedStatus: number;
  errors: number;
  cacheHits?: number;
  cacheMisses?: number;
}
const rows: Row[] = [];
for (const scenario of scenarios) {
  setRevisionCachesEnabled(!scenario.cold);
  // A few sequential requests first, so query plans and JIT are warm for every scenario alike.
  for (let i = 0; i < 5; i += 1) await (await fetch(scenario.url, { headers: scenario.headers })).arrayBuffer();
  const before = revisionCacheStats();
  const result: Result = await autocannon({
    url: scenario.url,
    connections,
    duration: seconds,
    headers: scenario.headers,
  });
  const after = revisionCacheStats();
  const status = scenario.expect === 304 ? result['3xx'] : result['2xx'];
  const total = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  rows.push({
    name: scenario.name,
    url: scenario.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''),
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: total,
    unexpectedStatus: total - status,
    errors: result.errors + result.timeouts,
    ...(scenario.url.startsWith(api)
      ? { cacheHits: after.hits - before.hits, cacheMisses: after.misses - before.misses }
      : {}),
  });
  log(`${scenario.name}: ${result.requests.average.toFixed(0)} req/s`);
}

const base = rows[0]!;
const ratio = (a: number, b: number) => (b === 0 ? null : Number((a / b).toFixed(3)));
const report = rows.map((r) => ({
  ...r,
  vsBaseline: {
    requestsPerSecond: ratio(r.requestsPerSecond, base.requestsPerSecond),
    p50: ratio(r.p50Ms, base.p50Ms),
    p99: ratio(r.p99Ms, base.p99Ms),
  },
}));

console.log(
  `\n${seconds} s per scenario, ${connections} connections, loopback; ${bytes.length} bytes of matrix JSON\n`,
);
console.table(
  report.map((r) => ({
    scenario: r.name,
    'req/s': Math.round(r.requestsPerSecond),
    'p50 ms': r.p50Ms,
    'p99 ms': r.p99Ms,
    'req/s ÷ baseline': r.vsBaseline.requestsPerSecond,
    'p99 ÷ baseline': r.vsBaseline.p99,
    'cache hit/miss': r.cacheHits === undefined ? '' : `${r.cacheHits}/${r.cacheMisses}`,
    'bad status/errors': `${r.unexpectedStatus}/${r.errors}`,
  })),
);

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/latest.json', import.meta.url),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      secondsPerScenario: seconds,
      connections,
      matrixBytes: bytes.length,
      etag,
      scenarios: report,
    },
    null,
    2,
  )}\n`,
);
log('wrote bench/results/latest.json');

await app.close();
await bare.close();
await driver.close();
