// `npm run bench:helpdesk`: how well GET /v1/helpdesk routes the questions of bench/helpdesk-eval.json
// (precision@1 and @3, hit rate@3) and how long GET /v1/search and GET /v1/helpdesk take (p50/p99),
// next to a baseline measured in the same run: GET /v1/sdgs/3 (one indexed node read through the same
// stack). Runs in process (app.inject, one request at a time) against the configured Neo4j (NEO4J_URI
// etc., migrated and seeded if empty). BENCH_ROUNDS (default 5) repeats the question set for latency.
// Numbers are for comparing runs on one machine; no test asserts on them. Writes bench/results/helpdesk.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { buildApp } from '../src/app.js';
import { prepareDatabase } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';

interface Question {
  q: string;
  lang?: string;
  expected: string[];
  why: string;
}
const evaluation = JSON.parse(readFileSync(new URL('./helpdesk-eval.json', import.meta.url), 'utf8')) as {
  questions: Question[];
};
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const log = (message: string) => console.log(`[bench] ${message}`);

const config = { ...loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), host: '127.0.0.1', port: 0 };
const driver = createDriver(config);
try {
  await driver.verifyConnectivity();
} catch (error) {
  console.error(`[bench] Neo4j at ${config.neo4j.uri} is unreachable (${(error as Error).message}).`);
  await driver.close();
  process.exit(2);
}
await prepareDatabase(driver, log);
const app = await buildApp(config, { driver, logger: false });
await app.ready();

const urlOf = (path: string, q: Question) => `${path}?q=${encodeURIComponent(q.q)}${q.lang ? `&lang=${q.lang}` : ''}`;

async function timed(url: string): Promise<{ ms: number; body: string }> {
  const start = process.hrtime.bigint();
  const response = await app.inject({ url });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (response.statusCode !== 200) throw new Error(`GET ${url} → ${response.statusCode}: ${response.body}`);
  return { ms, body: response.body };
}

// Quality: one pass over the questions.
let p1 = 0;
let p3 = 0;
let hit3 = 0;
const answers: { q: string; lang: string; expected: string[]; top3: string[]; ok1: boolean }[] = [];
for (const question of evaluation.questions) {
  const { body } = await timed(urlOf('/v1/helpdesk', question));
  const top3 = (JSON.parse(body).data.contacts as { entity: { id: string } }[]).slice(0, 3).map((c) => c.entity.id);
  const relevant = top3.filter((id) => question.expected.includes(id));
  const ok1 = question.expected.includes(top3[0] ?? '');
  p1 += ok1 ? 1 : 0;
  p3 += relevant.length / 3;
  hit3 += relevant.length > 0 ? 1 : 0;
  answers.push({ q: question.q, lang: question.lang ?? 'en', expected: question.expected, top3, ok1 });
}
const n = evaluation.questions.length;

// Latency: every question through /v1/search and /v1/helpdesk, `rounds` times; baseline /v1/sdgs/3.
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const latencies: Record<string, number[]> = { search: [], helpdesk: [], baseline: [] };
for (let round = 0; round < rounds; round++) {
  for (const question of evaluation.questions) {
    latencies.search!.push((await timed(urlOf('/v1/search', question))).ms);
    latencies.helpdesk!.push((await timed(urlOf('/v1/helpdesk', question))).ms);
    latencies.baseline!.push((await timed('/v1/sdgs/3')).ms);
  }
}
const summary = Object.fromEntries(
  Object.entries(latencies).map(([name, values]) => [
    name,
    { requests: values.length, p50Ms: +percentile(values, 50).toFixed(2), p99Ms: +percentile(values, 99).toFixed(2) },
  ]),
) as Record<string, { requests: number; p50Ms: number; p99Ms: number }>;

const result = {
  at: new Date().toISOString(),
  questions: n,
  precisionAt1: +(p1 / n).toFixed(3),
  precisionAt3: +(p3 / n).toFixed(3),
  hitRateAt3: +(hit3 / n).toFixed(3),
  latency: summary,
  ratios: {
    searchP50VsBaseline: +(summary.search!.p50Ms / summary.baseline!.p50Ms).toFixed(2),
    helpdeskP50VsBaseline: +(summary.helpdesk!.p50Ms / summary.baseline!.p50Ms).toFixed(2),
  },
  misses: answers.filter((a) => !a.ok1),
};
for (const a of answers)
  log(
    `${a.ok1 ? 'ok  ' : 'MISS'} [${a.lang}] ${a.q} → ${a.top3.join(', ') || '(none)'} (expected ${a.expected.join(' or ')})`,
  );
log(
  `${n} questions: precision@1 ${result.precisionAt1}, precision@3 ${result.precisionAt3} (of 3 slots), hit rate@3 ${result.hitRateAt3}`,
);
for (const [name, s] of Object.entries(summary))
  log(`${name}: p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms (${s.requests} requests)`);
log(
  `search p50 / baseline p50 = ${result.ratios.searchP50VsBaseline}; helpdesk = ${result.ratios.helpdeskP50VsBaseline}`,
);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/helpdesk.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
await app.close();
await driver.close();
