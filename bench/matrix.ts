// `npm run bench`: the read paths of the API next to peers measured in the SAME run, interleaved
// (every round runs every scenario once, so machine load drifts alike for all), on loopback:
//   - bare Fastify sending the very bytes of the project's answer (the ceiling of the HTTP stack);
//   - bare Fastify that first reads the revision over Bolt (what a cache hit costs with a database round trip);
//   - a raw neo4j-driver route running the project's own matrix Cypher, records as JSON (no pivot);
//   - @neo4j/graphql behind graphql-yoga answering the same information (lines, targets, SUPPORTS
//     links with status and source, each line's facilitators);
//   - the project: matrix warm (cached), 304 (If-None-Match), cold (caches off), gaps warm and cold.
// Against the configured Neo4j (NEO4J_URI etc.; migrated and seeded if empty). BENCH_ROUNDS (5) ×
// BENCH_SECONDS (6) per scenario, BENCH_CONNECTIONS (10). Prints medians and ratios; writes
// bench/results/latest.json and latest.md. Numbers compare runs on one machine; no test asserts on them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Neo4jGraphQL } from '@neo4j/graphql';
import autocannon, { type Result } from 'autocannon';
import Fastify from 'fastify';
import { createYoga } from 'graphql-yoga';
import { buildApp } from '../src/app.js';
import { prepareDatabase } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { cypher } from '../src/db/cypher.js';
import { createDriver } from '../src/db/driver.js';
import { setRevisionCachesEnabled } from '../src/lib/matrix-cache.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const log = (message: string) => console.log(`[bench] ${message}`);

// One loopback client hammers the expensive reads: the per-address abuse limit would answer 429s.
const config = {
  ...loadConfig({ EXPENSIVE_READ_RATE_LIMIT: '1000000', ...process.env, LOG_LEVEL: 'silent' }),
  host: '127.0.0.1',
  port: 0,
};
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
const listenUrl = (server: { address(): unknown }, path: string) =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;

// ---- the project ----
const app = await buildApp(config, { driver, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const MATRIX = '/v1/matrix?rows=action-lines&cols=sdg-targets';
const matrixUrl = listenUrl(app.server, MATRIX);
const gapsUrl = listenUrl(app.server, '/v1/gaps');
const matrixAnswer = await fetch(matrixUrl);
if (matrixAnswer.status !== 200)
  throw new Error(`GET ${MATRIX} → ${matrixAnswer.status}: ${await matrixAnswer.text()}`);
const matrixBytes = Buffer.from(await matrixAnswer.arrayBuffer());
const matrixEtag = matrixAnswer.headers.get('etag')!;
const gapsBytes = Buffer.from(await (await fetch(gapsUrl)).arrayBuffer());

// ---- bare Fastify: the same bytes; the same bytes after one Bolt read; the raw driver route ----
const statuses = ['proposed', 'endorsed'];
const matrixParams = { statuses, objective: null, goal: null, entity: null, derived: false, language: 'en' };
const bare = Fastify({ logger: false });
const json = 'application/json; charset=utf-8';
bare.get('/matrix-bytes', async (_request, reply) => reply.type(json).send(matrixBytes));
bare.get('/gaps-bytes', async (_request, reply) => reply.type(json).send(gapsBytes));
bare.get('/bolt-then-bytes', async (_request, reply) => {
  await driver.executeQuery(cypher('revision/value'), {}, { routing: 'READ' });
  return reply.type(json).send(matrixBytes);
});
bare.get('/raw-driver-matrix', async (_request, reply) => {
  const session = driver.session({ defaultAccessMode: 'READ' });
  try {
    const body = await session.executeRead(async (tx) => {
      const records = async (name: string) =>
        (await tx.run(cypher(name), matrixParams)).records.map((r) => r.toObject());
      const revision = (await records('revision/value'))[0];
      return {
        revision,
        rows: await records('matrix/members/lines'),
        columns: await records('matrix/members/targets'),
        links: await records('matrix/line-target'),
      };
    });
    return reply.type(json).send(JSON.stringify(body));
  } finally {
    await session.close();
  }
});
await bare.listen({ host: '127.0.0.1', port: 0 });

// ---- @neo4j/graphql (graphql-yoga): the same information ----
const typeDefs = /* GraphQL */ `
  type ActionLine @node {
    id: String!
    title: String
    supportsTargets: [SdgTarget!]! @relationship(type: "SUPPORTS", direction: OUT, properties: "Support")
    facilitators: [Entity!]! @relationship(type: "FACILITATES", direction: IN, properties: "Facilitation")
  }
  type SdgTarget @node {
    id: String!
    title: String
    goal: [Sdg!]! @relationship(type: "OF", direction: OUT)
  }
  type Sdg @node {
    id: String!
  }
  type Entity @node {
    id: String!
    name: String
  }
  type Support @relationshipProperties {
    status: String
    sourceDocument: String
    sourceLocator: String
    sourceUrl: String
  }
  type Facilitation @relationshipProperties {
    status: String
    role: String
  }
`;
const graphqlQuery = `{
  actionLines {
    id
    title
    supportsTargetsConnection(where: { edge: { status: { in: ["proposed", "endorsed"] } } }) {
      edges { properties { status sourceDocument sourceLocator sourceUrl } node { id goal { id } } }
    }
    facilitatorsConnection(where: { edge: { status: { in: ["proposed", "endorsed"] } } }) {
      edges { properties { role status } node { id } }
    }
  }
  sdgTargets { id title }
}`;
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const yoga = createYoga({ schema, logging: false, graphqlEndpoint: '/graphql', landingPage: false });
const graphqlServer = createServer(yoga);
await new Promise<void>((resolve) => graphqlServer.listen(0, '127.0.0.1', resolve));
const graphqlUrl = listenUrl(graphqlServer, '/graphql');
const graphqlBody = JSON.stringify({ query: graphqlQuery });
const check = await fetch(graphqlUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: graphqlBody,
});
const checked = (await check.json()) as { data?: { actionLines: unknown[] }; errors?: unknown };
if (!checked.data) throw new Error(`@neo4j/graphql query failed: ${JSON.stringify(checked.errors)}`);

// ---- scenarios ----
interface Scenario {
  key: string;
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  expect: number;
  cold?: boolean;
}
const scenarios: Scenario[] = [
  { key: 'bare', name: 'bare Fastify, the matrix bytes', url: listenUrl(bare.server, '/matrix-bytes'), expect: 200 },
  {
    key: 'bareBolt',
    name: 'bare Fastify + one Bolt read + the bytes',
    url: listenUrl(bare.server, '/bolt-then-bytes'),
    expect: 200,
  },
  { key: 'warm', name: 'project matrix, warm (cached)', url: matrixUrl, expect: 200 },
  { key: '304', name: 'project matrix, 304', url: matrixUrl, headers: { 'if-none-match': matrixEtag }, expect: 304 },
  { key: 'cold', name: 'project matrix, cold (caches off)', url: matrixUrl, expect: 200, cold: true },
  {
    key: 'raw',
    name: 'raw neo4j-driver route, same Cypher',
    url: listenUrl(bare.server, '/raw-driver-matrix'),
    expect: 200,
  },
  {
    key: 'graphql',
    name: '@neo4j/graphql (graphql-yoga), same information',
    url: graphqlUrl,
    method: 'POST',
    body: graphqlBody,
    headers: { 'content-type': 'application/json' },
    expect: 200,
  },
  { key: 'bareGaps', name: 'bare Fastify, the gaps bytes', url: listenUrl(bare.server, '/gaps-bytes'), expect: 200 },
  { key: 'gapsWarm', name: 'project gaps, warm (cached)', url: gapsUrl, expect: 200 },
  { key: 'gapsCold', name: 'project gaps, cold (caches off)', url: gapsUrl, expect: 200, cold: true },
];

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}
const samples = new Map<string, Sample[]>(scenarios.map((s) => [s.key, []]));
for (let round = 1; round <= rounds; round += 1) {
  for (const scenario of scenarios) {
    setRevisionCachesEnabled(!scenario.cold);
    const init = { method: scenario.method ?? 'GET', headers: scenario.headers, body: scenario.body };
    for (let i = 0; i < 3; i += 1) await (await fetch(scenario.url, init)).arrayBuffer();
    const result: Result = await autocannon({
      url: scenario.url,
      method: scenario.method ?? 'GET',
      body: scenario.body,
      headers: scenario.headers,
      connections,
      duration: seconds,
    });
    const good = scenario.expect === 304 ? result['3xx'] : result['2xx'];
    const total = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
    samples.get(scenario.key)!.push({
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      bad: total - good + result.errors + result.timeouts,
    });
  }
  setRevisionCachesEnabled(true);
  log(`round ${round}/${rounds} done`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows = scenarios.map((s) => {
  const xs = samples.get(s.key)!;
  return {
    key: s.key,
    name: s.name,
    rps: Math.round(median(xs.map((x) => x.rps))),
    p50: median(xs.map((x) => x.p50)),
    p99: median(xs.map((x) => x.p99)),
    bad: xs.reduce((n, x) => n + x.bad, 0),
  };
});
const summary = Object.fromEntries(rows.map((row) => [row.key, row]));
const r = (a: number, b: number) => Number((a / b).toFixed(2));
const ratios = {
  'matrix warm ÷ bare (req/s, target ≥ 0.5)': r(summary.warm!.rps, summary.bare!.rps),
  'matrix 304 ÷ bare (req/s, target ≥ 0.7)': r(summary['304']!.rps, summary.bare!.rps),
  'gaps warm ÷ bare gaps (req/s, target ≥ 0.5)': r(summary.gapsWarm!.rps, summary.bareGaps!.rps),
  'matrix cold ÷ raw driver (p50 latency, target ≤ 1.2)': r(summary.cold!.p50, summary.raw!.p50),
  'matrix cold ÷ @neo4j/graphql (req/s, target ≥ 2)': r(summary.cold!.rps, summary.graphql!.rps),
};

const lines = [
  `${rounds} interleaved rounds × ${seconds} s per scenario, ${connections} connections, loopback; medians over rounds.`,
  `Matrix: ${MATRIX} (${matrixBytes.length} bytes); gaps: /v1/gaps (${gapsBytes.length} bytes).`,
  '',
  '| scenario | req/s | p50 / p99 ms | bad responses |',
  '|---|---|---|---|',
  ...rows.map((s) => `| ${s.name} | ${s.rps.toLocaleString('en')} | ${s.p50} / ${s.p99} | ${s.bad} |`),
  '',
  '| ratio | value |',
  '|---|---|',
  ...Object.entries(ratios).map(([k, v]) => `| ${k} | ${v} |`),
];
console.log(`\n${lines.join('\n')}\n`);

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const machine = {
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  loadAverage: os.loadavg(),
};
writeFileSync(
  new URL('./results/latest.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), machine, rounds, seconds, connections, summary, ratios, samples: Object.fromEntries(samples) }, null, 2)}\n`,
);
writeFileSync(
  new URL('./results/latest.md', import.meta.url),
  `${new Date().toISOString()} · ${machine.cpus} × ${machine.cpuModel} · load ${machine.loadAverage.map((x) => x.toFixed(1)).join(' ')}\n\n${lines.join('\n')}\n`,
);
log('wrote bench/results/latest.json and latest.md');

await app.close();
await bare.close();
await new Promise((resolve) => graphqlServer.close(resolve));
await driver.close();
