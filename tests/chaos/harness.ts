/**
 * The chaos suite's machinery: a Neo4j and API processes of its own on loopback, a bounded mixed
 * load of writers (each owning a few action-line × entity cells) and readers, and the checks:
 *
 *  - every read's ETag names the state it shows: for each owned cell, what the read shows must
 *    equal the state the change log says the cell had at the ETag's revision;
 *  - every acknowledged write has exactly one Change record, at the revision its ETag named,
 *    carrying what was written (none lost, none doubled);
 *  - status discipline per phase: no 5xx with Neo4j up; only 503 + Retry-After while it is down.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import neo4j, { type Driver } from 'neo4j-driver';
import { createApiKey } from '../../src/db/api-keys.js';
import { Db } from '../../src/db/db.js';
import { runMigrations } from '../../src/db/migrate.js';
import { loadSeed } from '../../src/seed/load.js';
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASSWORD = 'chaos-password';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- processes

export class ChaosNeo4j {
  pid = 0;
  readonly uri: string;
  private readonly opts: { port: number; dataDir: string; name: string; username: string; password: string };

  constructor(readonly port: number) {
    this.uri = `bolt://127.0.0.1:${port}`;
    this.opts = {
      port,
      dataDir: `.neo4j/chaos-data-${port}`,
      name: `chaos-${port}`,
      username: 'neo4j',
      password: PASSWORD,
    };
  }

  /** The launcher's log of its current run (stderr: warm-up report, NEO4J_READY). */
  launcherLog(): string {
    return readFileSync(path.join(ROOT, '.neo4j', `${this.opts.name}.log`), 'utf8');
  }

  /** When the launcher's port began to take connections (epoch ms, from its NEO4J_READY line). */
  portOpenedAt(): number | undefined {
    const m = /^NEO4J_READY .* opened=(\d+)/m.exec(this.launcherLog());
    return m ? Number(m[1]) : undefined;
  }

  /** The parameter shapes the launcher recorded for its warm-up (tools/neo4j-launcher, QueryShapes). */
  queryShapes(): string {
    const file = path.join(ROOT, this.opts.dataDir, 'query-shapes.txt');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /** A fresh data folder, started, migrated, seeded; returns an admin key. */
  async startFresh(): Promise<string> {
    await stopLocalNeo4j({ ...this.opts, log: () => {} });
    rmSync(path.join(ROOT, this.opts.dataDir), { recursive: true, force: true });
    await this.start();
    const driver = this.driver();
    try {
      await runMigrations(driver);
      await loadSeed(driver);
      const { result } = await createApiKey(new Db(driver), { name: 'chaos-admin', role: 'admin' });
      return result.key;
    } finally {
      await driver.close();
    }
  }

  /** Starts (or restarts after a kill) on the same data; resolves when Neo4j reports ready. */
  async start(): Promise<void> {
    const { pid } = await startLocalNeo4j({ ...this.opts, log: () => {} });
    this.pid = pid;
  }

  /** SIGKILL: no shutdown, no checkpoint; the next start runs recovery. */
  kill(): void {
    process.kill(this.pid, 'SIGKILL');
  }

  async stop(): Promise<void> {
    await stopLocalNeo4j({ ...this.opts, log: () => {} });
  }

  driver(): Driver {
    return neo4j.driver(this.uri, neo4j.auth.basic('neo4j', PASSWORD), {
      disableLosslessIntegers: true,
      logging: { level: 'error', logger: () => {} },
    });
  }
}

export class ChaosApi {
  private child?: ChildProcess;
  private output = '';
  readonly base: string;

  constructor(
    readonly port: number,
    private readonly neo4jUri: string,
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NEO4J_URI: this.neo4jUri,
        NEO4J_USERNAME: 'neo4j',
        NEO4J_PASSWORD: PASSWORD,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        // Warnings carry why a request answered 503 (Neo4j away, busy): the summary groups them.
        LOG_LEVEL: 'warn',
        RETRY_AFTER_SECONDS: '1',
        // The load comes from one address with a few keys: the abuse limits (src/plugins/abuse-limits.ts)
        // would answer 429, which is their job, not what this suite measures.
        WRITE_RATE_LIMIT: '1000000',
        EXPENSIVE_READ_RATE_LIMIT: '1000000',
        AUTH_FAILURE_LIMIT: '1000000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`API exited: ${this.output}`);
      const ready = await fetch(`${this.base}/readyz`).catch(() => undefined);
      if (ready?.status === 200) return;
      await sleep(300);
    }
    throw new Error(`API on ${this.port} not ready: ${this.output}`);
  }

  /** Lines the API logged at level warn and above (unhandled errors show up here). */
  get log(): string {
    return this.output;
  }

  /** Why this API answered 503s or 500s, from its log: message and error code/text → count, for `since..until`. */
  reasons(since = 0, until = Number.POSITIVE_INFINITY): Map<string, number> {
    const counts = new Map<string, number>();
    for (const line of this.output.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as {
          time: number;
          level: number;
          msg: string;
          err?: { type?: string; code?: string; message?: string };
        };
        if (entry.level < 40 || entry.time < since || entry.time > until) continue;
        const err = entry.err
          ? `${entry.err.type ?? ''} ${entry.err.code ?? ''} ${(entry.err.message ?? '').slice(0, 90)}`
          : '';
        const key = `${entry.msg}: ${err}`.trim();
        counts.set(key, (counts.get(key) ?? 0) + 1);
      } catch {
        // not a log record
      }
    }
    return counts;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child!.once('exit', r));
    this.child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

// ---------------------------------------------------------------- workload

export interface Cell {
  line: string;
  entity: string;
}
export const cellKey = (c: Cell) => `${c.line}|${c.entity}`;
const targetOf = (c: Cell) => `action-lines/${c.line}/facilitators/${c.entity}`;

/** What a cell holds: absent, or role|rationale (role alone where a read shows no rationale). */
type CellState = { role: string; rationale: string | null } | null;

export interface RequestRecord {
  phase: string;
  kind: 'read' | 'write';
  what: string;
  status: number;
  ms: number;
  startedAt: number;
  retryAfter: string | null;
}

interface ReadSample {
  what: string;
  revision: number;
  /** Only owned cells; `roleOnly` when the representation shows no rationale. */
  cells: Map<string, CellState>;
  roleOnly: boolean;
  api: string;
  /** The load phase it was read in, and how the API proved it consistent (Server-Timing): a mislabelled read says both. */
  phase: string;
  how: string;
}

interface Ack {
  cell: Cell;
  revision: number;
  state: CellState;
  action: 'put' | 'delete';
}

const revisionOf = (etag: string | null): number | undefined => {
  const m = etag ? /^"r(\d+)(?:-[\w-]+)?"$/.exec(etag) : null;
  return m ? Number(m[1]) : undefined;
};

export class Load {
  readonly requests: RequestRecord[] = [];
  readonly reads: ReadSample[] = [];
  readonly acks: Ack[] = [];
  readonly violations: string[] = [];
  phase = 'steady';
  private stopping = false;
  private seq = 0;

  constructor(
    private readonly adminKey: string,
    readonly cells: Cell[],
  ) {}

  private get auth() {
    return { authorization: `Bearer ${this.adminKey}` };
  }

  private async request(api: string, what: string, kind: 'read' | 'write', init: RequestInit & { url: string }) {
    const startedAt = Date.now();
    const phase = this.phase;
    let response: Response | undefined;
    let body = '';
    try {
      response = await fetch(`${api}${init.url}`, { ...init, signal: AbortSignal.timeout(60_000) });
      body = await response.text();
    } catch (error) {
      this.violations.push(`${what}: no HTTP answer within 60 s (${(error as Error).message})`);
    }
    const record: RequestRecord = {
      phase,
      kind,
      what,
      status: response?.status ?? 0,
      ms: Date.now() - startedAt,
      startedAt,
      retryAfter: response?.headers.get('retry-after') ?? null,
    };
    this.requests.push(record);
    return { response, body, record };
  }

  /** A writer: toggles and rewrites its own cells as fast as answers come. */
  async writer(api: () => string, mine: Cell[]): Promise<void> {
    const known = new Map<string, { state: CellState; uncertain: boolean }>(
      mine.map((c) => [cellKey(c), { state: null, uncertain: false }]),
    );
    while (!this.stopping) {
      const cell = mine[Math.floor(Math.random() * mine.length)]!;
      const k = known.get(cellKey(cell))!;
      const remove = k.state !== null && Math.random() < 0.3;
      const url = `/v1/${targetOf(cell)}`;
      let status: number;
      if (remove) {
        const { response, record } = await this.request(api(), 'DELETE facilitator', 'write', {
          url: `${url}?reason=chaos`,
          method: 'DELETE',
          headers: this.auth,
        });
        status = record.status;
        if (record.status === 204) {
          const revision = revisionOf(response!.headers.get('etag'));
          if (revision === undefined) this.violations.push('DELETE 204 without a revision ETag');
          else this.acks.push({ cell, revision, state: null, action: 'delete' });
          known.set(cellKey(cell), { state: null, uncertain: false });
        } else if (record.status === 404 && k.uncertain) {
          known.set(cellKey(cell), { state: null, uncertain: false });
        } else this.unexpected(record, 'DELETE');
      } else {
        const state = { role: Math.random() < 0.5 ? 'co' : 'partner', rationale: `chaos ${++this.seq}` };
        const { response, record } = await this.request(api(), 'PUT facilitator', 'write', {
          url,
          method: 'PUT',
          headers: { ...this.auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            role: state.role,
            rationale: state.rationale,
            reason: 'chaos',
            source: { document: 'Chaos suite test write', locator: 'n/a', url: null },
          }),
        });
        status = record.status;
        if (record.status === 200 || record.status === 201) {
          const revision = revisionOf(response!.headers.get('etag'));
          if (revision === undefined) this.violations.push('PUT 2xx without a revision ETag');
          else this.acks.push({ cell, revision, state, action: 'put' });
          known.set(cellKey(cell), { state, uncertain: false });
        } else this.unexpected(record, 'PUT');
      }
      if (status === 503) {
        known.set(cellKey(cell), { state: k.state, uncertain: true });
        await sleep(100); // ignores Retry-After on purpose: recovery is measured to the request
      }
    }
  }

  private unexpected(record: RequestRecord, what: string): void {
    if (record.status === 503) return; // judged per phase by the summary
    this.violations.push(`${what} answered ${record.status} in phase ${record.phase}`);
  }

  /** A reader: one of four representations, each parsed down to the owned cells. */
  async reader(api: () => string): Promise<void> {
    const owned = new Set(this.cells.map(cellKey));
    const lines = [...new Set(this.cells.map((c) => c.line))];
    while (!this.stopping) {
      const base = api();
      const pick = Math.floor(Math.random() * 4);
      const line = lines[Math.floor(Math.random() * lines.length)]!;
      const url = [
        '/v1/links?type=FACILITATES&limit=500',
        '/v1/links?type=FACILITATES&format=csv',
        '/v1/matrix?rows=action-lines&cols=entities',
        `/v1/action-lines/${line}`,
      ][pick]!;
      const what = ['links json', 'links csv', 'matrix', 'action line'][pick]!;
      const { response, body, record } = await this.request(base, what, 'read', { url, headers: this.auth });
      if (record.status !== 200 || !response) {
        if (record.status === 503) await sleep(100);
        continue;
      }
      const revision = revisionOf(response.headers.get('etag'));
      if (revision === undefined) {
        this.violations.push(`${what}: 200 without a revision ETag`);
        continue;
      }
      const cells = new Map<string, CellState>();
      const relevant = pick === 3 ? this.cells.filter((c) => c.line === line) : this.cells;
      for (const c of relevant) cells.set(cellKey(c), null);
      try {
        if (pick === 0 || pick === 1) {
          const rows: { from: string; to: string; role: string; rationale: string | null }[] =
            pick === 0 ? (JSON.parse(body) as { data: never[] }).data : parseCsv(body, { columns: true });
          if (pick === 0 && (JSON.parse(body) as { meta: { total: number } }).meta.total > 500) {
            throw new Error('more than 500 FACILITATES links: raise the limit');
          }
          for (const r of rows) {
            if (!r.from || !r.to || !r.role || (pick === 1 && !(r as { type?: string }).type)) {
              throw new Error(`broken row ${JSON.stringify(r)}`);
            }
            const key = `${r.to}|${r.from}`;
            if (owned.has(key)) cells.set(key, { role: r.role, rationale: r.rationale || null });
          }
        } else if (pick === 2) {
          const matrix = (
            JSON.parse(body) as {
              data: { cells: { row: string; column: string; entities: { id: string; role: string }[] }[] };
            }
          ).data;
          for (const cell of matrix.cells) {
            for (const e of cell.entities) {
              const key = `${cell.row}|${e.id}`;
              if (owned.has(key) && e.id === cell.column) cells.set(key, { role: e.role, rationale: null });
            }
          }
        } else {
          const item = JSON.parse(body) as { data: { facilitators: { entityId: string; role: string }[] } };
          for (const f of item.data.facilitators) {
            const key = `${line}|${f.entityId}`;
            if (owned.has(key)) cells.set(key, { role: f.role, rationale: null });
          }
        }
      } catch (error) {
        this.violations.push(`${what} at r${revision}: unreadable body (${(error as Error).message})`);
        continue;
      }
      this.reads.push({
        what,
        revision,
        cells,
        roleOnly: pick >= 2,
        api: base,
        phase: this.phase,
        how: response.headers.get('server-timing') ?? '-',
      });
    }
  }

  stop(): void {
    this.stopping = true;
  }

  resume(): void {
    this.stopping = false;
  }

  /**
   * Compares every read and every acknowledged write with the change log in Neo4j (read after
   * the run): the log is the committed history, so the state of a cell at revision N is the
   * `after` of its last Change at or below N.
   */
  async check(driver: Driver): Promise<{ mislabelledReads: number; lostWrites: number; doubledWrites: number }> {
    const { records } = await driver.executeQuery(
      'MATCH (c:Change) WHERE c.target STARTS WITH $prefix RETURN c.revision AS revision, c.target AS target, c.after AS after ORDER BY revision, c.seq',
      { prefix: 'action-lines/' },
    );
    const history = new Map<string, { revision: number; state: CellState }[]>();
    const byRevisionTarget = new Map<string, CellState[]>();
    for (const r of records) {
      const m = /^action-lines\/([^/]+)\/facilitators\/(.+)$/.exec(r.get('target') as string);
      if (!m) continue;
      const key = `${m[1]}|${m[2]}`;
      const after = r.get('after')
        ? (JSON.parse(r.get('after') as string) as { role: string; rationale?: string | null })
        : null;
      const state: CellState = after ? { role: after.role, rationale: after.rationale ?? null } : null;
      const revision = Number(r.get('revision'));
      history.set(key, [...(history.get(key) ?? []), { revision, state }]);
      const rt = `${revision}|${key}`;
      byRevisionTarget.set(rt, [...(byRevisionTarget.get(rt) ?? []), state]);
    }
    const stateAt = (key: string, revision: number): CellState => {
      let state: CellState = null; // owned cells start empty
      for (const h of history.get(key) ?? []) {
        if (h.revision > revision) break;
        state = h.state;
      }
      return state;
    };

    let mislabelledReads = 0;
    for (const read of this.reads) {
      const wrong: string[] = [];
      for (const [key, seen] of read.cells) {
        const expected = stateAt(key, read.revision);
        const same = read.roleOnly
          ? (seen?.role ?? null) === (expected?.role ?? null)
          : JSON.stringify(seen) === JSON.stringify(expected);
        if (!same)
          wrong.push(`${key}: shows ${JSON.stringify(seen)}, r${read.revision} had ${JSON.stringify(expected)}`);
      }
      if (wrong.length > 0) {
        mislabelledReads += 1;
        if (mislabelledReads <= 5)
          this.violations.push(`${read.what} labelled r${read.revision} (${read.phase}, ${read.how}): ${wrong[0]}`);
      }
    }

    // One revision counter: a second GraphRevision node would make readers and writers disagree.
    const counters = await driver.executeQuery('MATCH (r:GraphRevision) RETURN r.id AS id, r.value AS value');
    if (counters.records.length !== 1) {
      this.violations.push(
        `${counters.records.length} GraphRevision nodes: ${JSON.stringify(counters.records.map((r) => r.toObject()))}`,
      );
    }

    let lostWrites = 0;
    let doubledWrites = 0;
    for (const ack of this.acks) {
      const recorded = byRevisionTarget.get(`${ack.revision}|${cellKey(ack.cell)}`) ?? [];
      if (recorded.length === 0 || JSON.stringify(recorded[0]) !== JSON.stringify(ack.state)) {
        lostWrites += 1;
        if (lostWrites <= 5) {
          this.violations.push(
            `acknowledged ${ack.action} ${cellKey(ack.cell)} at r${ack.revision} has no matching Change`,
          );
        }
      } else if (recorded.length > 1) {
        doubledWrites += 1;
        this.violations.push(
          `acknowledged ${ack.action} ${cellKey(ack.cell)} at r${ack.revision} has ${recorded.length} Changes`,
        );
      }
    }
    // The final state of every cell equals what the last acknowledged write left, unless a later
    // unacknowledged (503) write may have landed — the change log then shows a later revision.
    return { mislabelledReads, lostWrites, doubledWrites };
  }
}

/** Action-line × entity pairs with no FACILITATES link yet, dealt round-robin to `writers` writers. */
export async function pickCells(driver: Driver, count: number): Promise<Cell[]> {
  const { records } = await driver.executeQuery(
    `MATCH (l:ActionLine), (e:Entity)
     WHERE NOT (e)-[:FACILITATES]->(l)
     RETURN l.id AS line, e.id AS entity ORDER BY l.id, e.id`,
  );
  const all = records.map((r) => ({ line: r.get('line') as string, entity: r.get('entity') as string }));
  // Spread over lines so item reads and matrix rows see several writers.
  const byLine = new Map<string, Cell[]>();
  for (const c of all) byLine.set(c.line, [...(byLine.get(c.line) ?? []), c]);
  const lines = [...byLine.keys()].slice(0, 6);
  const cells: Cell[] = [];
  for (let i = 0; cells.length < count; i++) {
    const line = lines[i % lines.length]!;
    const c = byLine.get(line)![Math.floor(i / lines.length)];
    if (c) cells.push(c);
  }
  return cells;
}

// ---------------------------------------------------------------- summary

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

export function statusTable(requests: RequestRecord[]): string {
  const phases = [...new Set(requests.map((r) => r.phase))];
  const statuses = [...new Set(requests.map((r) => r.status))].sort((a, b) => a - b);
  const header = ['phase', 'kind', ...statuses.map(String), 'total'];
  const rows: string[][] = [];
  for (const phase of phases) {
    for (const kind of ['read', 'write'] as const) {
      const mine = requests.filter((r) => r.phase === phase && r.kind === kind);
      if (mine.length === 0) continue;
      rows.push([
        phase,
        kind,
        ...statuses.map((s) => String(mine.filter((r) => r.status === s).length)),
        String(mine.length),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [fmt(header), ...rows.map(fmt)].join('\n');
}
