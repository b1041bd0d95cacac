// `npm run bench:scale`: how the reads that grow with the graph behave at 10×, 100× and 1000× the
// seed (≈7.5 k, 75 k, 750 k relationships), on a Neo4j of its own (tools/db.ts, name "bench-scale",
// data in .neo4j/bench-scale, wiped at the start; port BENCH_SCALE_PORT, default 7716; heap
// BENCH_SCALE_HEAP, default 2g; one transaction may use BENCH_SCALE_TX_MEMORY_MB, default 512).
//
// The generator (bench/replicas.ts) keeps the real schema: it copies every roadmap node and
// relationship of the seed into synthetic replicas (ids shifted so each replica is a disjoint
// roadmap: C12…C22, goals 18…34, entities ITU-1 …), in UNWIND batches. Synthetic nodes and links say so in their
// sourceDocument. Then, with the API's caches off (every request recomputes) it measures: gap
// counts, one page of each gap kind, the entities × commitments matrix, the action-lines × targets
// matrix, a write's p99 next to a raw executeWrite of the same Cypher, and, in a separate API
// process running the compiled build, its resident memory while it streams full exports (once with
// Node's default heap, once with V8's old space capped at BENCH_SCALE_API_HEAP_MB, default 160).
// Medians of BENCH_SCALE_RUNS (3).
// Factors: BENCH_SCALE_FACTORS (default 10,100,1000). Writes bench/results/scale-latest.json and
// prints Markdown tables. Numbers compare runs on one machine; no test asserts on them.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { prepareDatabase } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { createApiKey } from '../src/db/api-keys.js';
import { cypher } from '../src/db/cypher.js';
import { Db } from '../src/db/db.js';
import { createDriver } from '../src/db/driver.js';
import { setRevisionCachesEnabled } from '../src/lib/matrix-cache.js';
import { startLocalNeo4j, stopLocalNeo4j } from '../src/local-neo4j.js';
import { growReplicas, readSeed } from './replicas.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const factors = (process.env.BENCH_SCALE_FACTORS ?? '10,100,1000').split(',').map(Number);
const runs = Number(process.env.BENCH_SCALE_RUNS ?? 3);
const writes = Number(process.env.BENCH_SCALE_WRITES ?? 100);
const port = Number(process.env.BENCH_SCALE_PORT ?? 7716);
const apiPort = Number(process.env.BENCH_SCALE_API_PORT ?? 3706);
const heap = process.env.BENCH_SCALE_HEAP ?? '2g';
/** The API process's old-space ceiling for the second export-memory run (BENCH_SCALE_API_HEAP_MB). */
const cappedHeapMb = Number(process.env.BENCH_SCALE_API_HEAP_MB ?? 160);
const instance = { name: 'bench-scale', port, dataDir: '.neo4j/bench-scale' };
const log = (message: string) => console.log(`[bench:scale] ${new Date().toISOString().slice(11, 19)} ${message}`);

// The export-memory runs start the compiled API (dist/); build it when it is missing or stale.
if (spawnSync(process.execPath, ['tools/ensure-build.mjs'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) {
  throw new Error('building the API failed');
}

// One loopback client measures: the per-address abuse limits (writes, expensive reads) would answer 429s.
process.env.EXPENSIVE_READ_RATE_LIMIT ??= '1000000';
process.env.WRITE_RATE_LIMIT ??= '1000000';

// ---- the database -------------------------------------------------------------------------
process.env.NEO4J_LAUNCHER_JAVA_OPTS = `-Xms512m -Xmx${heap} ${process.env.NEO4J_LAUNCHER_JAVA_OPTS ?? ''}`;
process.env.NEO4J_LAUNCHER_TX_MEMORY_MB ??= process.env.BENCH_SCALE_TX_MEMORY_MB ?? '512';
await stopLocalNeo4j(instance);
rmSync(path.join(ROOT, instance.dataDir), { recursive: true, force: true });
const { uri } = await startLocalNeo4j({ ...instance, log });
const config = { ...loadConfig({ ...process.env, NEO4J_URI: uri, LOG_LEVEL: 'silent' }), host: '127.0.0.1', port: 0 };
const driver = createDriver(config);
await prepareDatabase(driver, log);

async function query<T = Record<string, unknown>>(name: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const session = driver.session();
  try {
    return (await session.executeWrite((tx) => tx.run(cypher(name), params))).records.map((r) => r.toObject() as T);
  } finally {
    await session.close();
  }
}

// ---- the generator (bench/replicas.ts) --------------------------------------------------
const seed = await readSeed(query);
log(`seed: ${seed.nodes.length} nodes, ${seed.links.length} relationships`);

/** Adds replicas [from, to); returns the seconds it took. */
async function grow(from: number, to: number): Promise<number> {
  const t0 = performance.now();
  await growReplicas(query, seed, from, to);
  return (performance.now() - t0) / 1000;
}

// ---- measuring ----------------------------------------------------------------------------
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const round = (x: number) => Math.round(x * 10) / 10;

async function timeGet(
  base: string,
  url: string,
  timeoutMs = 180_000,
): Promise<{ ms: number; bytes: number; status: number }> {
  const t0 = performance.now();
  const response = await fetch(`${base}${url}`, { signal: AbortSignal.timeout(timeoutMs) });
  const bytes = (await response.arrayBuffer()).byteLength;
  return { ms: performance.now() - t0, bytes, status: response.status };
}

async function medianGet(base: string, url: string) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) samples.push(await timeGet(base, url));
  const bad = samples.find((s) => s.status !== 200);
  return { ms: round(median(samples.map((s) => s.ms))), bytes: samples[0]!.bytes, status: bad?.status ?? 200 };
}

const rssOf = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

/** Streams `url` from a separate API process, sampling its RSS every 20 ms. */
async function exportRss(base: string, pid: number, url: string) {
  const before = rssOf(pid);
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 20);
  try {
    const { ms, bytes, status } = await timeGet(base, url, 600_000);
    peak = Math.max(peak, rssOf(pid));
    return {
      url,
      status,
      ms: round(ms),
      megabytes: round(bytes / 1e6),
      rssBeforeMb: round(before),
      rssPeakMb: round(peak),
    };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The API as deployed (`npm run serve`: the compiled build, not tsx), in a process of its own so its
 * memory is its own. `heapMb`: V8's old-space ceiling (--max-old-space-size), or Node's default.
 */
async function startApiProcess(heapMb?: number): Promise<ChildProcess> {
  const flags = heapMb === undefined ? [] : [`--max-old-space-size=${heapMb}`];
  const child = spawn(process.execPath, [...flags, 'dist/server.js'], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: uri, PORT: String(apiPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 1800; i += 1) {
    try {
      await fetch(`http://127.0.0.1:${apiPort}/health`);
      return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the API process did not start');
}

/** Streams the three full exports from a fresh API process, sampling its memory. */
async function exportsRssOf(heapMb?: number) {
  const child = await startApiProcess(heapMb);
  const measured = [];
  try {
    const apiBase = `http://127.0.0.1:${apiPort}`;
    for (const url of ['/v1/links?format=csv', '/v1/links?format=ndjson', '/v1/gaps?format=csv']) {
      measured.push(await exportRss(apiBase, child.pid!, url));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  return measured;
}

// The API in this process, caches off: every request below is a cold computation.
setRevisionCachesEnabled(false);
const app = await buildApp(config, { driver, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const db = new Db(driver);
const { result: key } = await createApiKey(db, { name: 'bench-scale-editor', role: 'editor' });
const source = { document: 'bench:scale write', locator: 'n/a', url: null };

const gapKindsToPage = [
  'commitments-without-action-line',
  'commitments-without-responsible-entity',
  'action-lines-without-lead',
  'sdg-targets-without-support',
  'aligned-pairs-without-shared-entity',
  'entity-workload',
];

const results: Record<string, unknown>[] = [];
let replicas = 1;
try {
  for (const factor of factors) {
    const generateSeconds = await grow(replicas, factor);
    replicas = factor;
    const [size] = await query<{ nodes: number; relationships: number }>('bench/counts');
    log(
      `${factor}×: ${size!.nodes} nodes, ${size!.relationships} relationships (generated in ${generateSeconds.toFixed(1)} s)`,
    );

    const gapCounts = await medianGet(base, '/v1/gaps?limit=0');
    const pages: Record<string, number> = {};
    for (const kind of gapKindsToPage) {
      const page = await medianGet(base, `/v1/gaps?kind=${kind}&limit=50&offset=100`);
      pages[kind] = page.ms;
    }
    const worstPage = Math.max(...Object.values(pages));
    const entitiesCommitments = await medianGet(base, '/v1/matrix?rows=entities&cols=gdc-commitments');
    const linesTargets = await medianGet(base, '/v1/matrix?rows=action-lines&cols=sdg-targets');
    log(
      `${factor}×: gap counts ${gapCounts.ms} ms, worst gap page ${worstPage} ms, entities × commitments ${entitiesCommitments.ms} ms, lines × targets ${linesTargets.ms} ms`,
    );

    // Writes: the API's PUT (auth, validation, If-Match-free, audit) next to the same work as one raw executeWrite.
    const apiMs: number[] = [];
    const rawMs: number[] = [];
    const warmUp = 5; // first writes pay for JIT and query planning on both sides alike
    for (let i = -warmUp; i < writes; i += 1) {
      const role = i % 2 === 0 ? 'co' : 'partner';
      let t0 = performance.now();
      const put = await fetch(`${base}/v1/action-lines/C2/facilitators/UNESCO-1`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ role, source, reason: 'bench:scale' }),
      });
      await put.arrayBuffer();
      if (put.status >= 300) throw new Error(`PUT → ${put.status}`);
      if (i >= 0) apiMs.push(performance.now() - t0);
      t0 = performance.now();
      await query('bench/raw-write', { line: 'C3', entity: 'UNESCO-2', role });
      if (i >= 0) rawMs.push(performance.now() - t0);
    }
    const write = {
      apiP50: round(percentile(apiMs, 50)),
      apiP99: round(percentile(apiMs, 99)),
      rawP50: round(percentile(rawMs, 50)),
      rawP99: round(percentile(rawMs, 99)),
    };
    log(`${factor}×: write p99 API ${write.apiP99} ms vs raw ${write.rawP99} ms`);

    // Node's default heap lets V8 leave garbage uncollected while memory is plentiful, so RSS shows how
    // lazily it collects as much as what an export holds; the capped run shows what it really holds.
    const exportsRss = await exportsRssOf();
    const exportsRssCapped = await exportsRssOf(cappedHeapMb);
    const worstRss = Math.max(...exportsRss.map((e) => e.rssPeakMb));
    const worstRssCapped = Math.max(...exportsRssCapped.map((e) => e.rssPeakMb));
    const cappedStatuses = exportsRssCapped.map((e) => e.status).join(',');
    log(
      `${factor}×: API RSS while streaming exports ≤ ${worstRss} MB (default heap); ≤ ${worstRssCapped} MB with old space capped at ${cappedHeapMb} MB (statuses ${cappedStatuses})`,
    );

    results.push({
      factor,
      ...size,
      generateSeconds: round(generateSeconds),
      gapCountsMs: gapCounts.ms,
      gapPageMs: pages,
      worstGapPageMs: worstPage,
      matrixEntitiesCommitments: entitiesCommitments,
      matrixLinesTargets: linesTargets,
      write,
      exports: exportsRss,
      exportsRssPeakMb: worstRss,
      exportsCappedHeap: { heapMb: cappedHeapMb, exports: exportsRssCapped, rssPeakMb: worstRssCapped },
    });
    mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(
      path.join(ROOT, 'bench/results/scale-latest.json'),
      `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverage: os.loadavg(), heap, results }, null, 2)}\n`,
    );
  }
} finally {
  console.log(
    '\n| relationships | gap counts | worst gap page (50) | matrix entities × commitments | matrix lines × targets (body) | write p99 API / raw | API RSS peak streaming exports (default heap / old space capped) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results as any[]) {
    console.log(
      `| ${r.relationships.toLocaleString('en')} | ${r.gapCountsMs} ms | ${r.worstGapPageMs} ms | ${r.matrixEntitiesCommitments.ms} ms | ` +
        `${r.matrixLinesTargets.ms} ms (${(r.matrixLinesTargets.bytes / 1e6).toFixed(1)} MB) | ${r.write.apiP99} / ${r.write.rawP99} ms | ` +
        `${r.exportsRssPeakMb} / ${r.exportsCappedHeap.rssPeakMb} MB |`,
    );
  }
  log('wrote bench/results/scale-latest.json');
  await app.close();
  await driver.close();
  if (!process.env.BENCH_SCALE_KEEP) await stopLocalNeo4j(instance);
}
