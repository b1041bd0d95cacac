import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { ManagedTransaction } from 'neo4j-driver';
import {
  currentLeads,
  deleteLinks,
  existingNodes,
  getLinks,
  isActiveLead,
  keyString,
  linkActionName,
  linkRoles,
  linkStatuses,
  linkTarget,
  linkTypes,
  mergeLink,
  sameContent,
  typeOfKind,
  upsertLinks,
  type LinkChange,
  type LinkKey,
  type LinkSource,
  type LinkState,
  type LinkStatus,
  type LinkType,
} from './links.js';
import type { ChangeDraft } from './recorded-write.js';
import { badRequest } from '../lib/problems.js';

/**
 * Bulk import of links (POST /v1/imports): CSV or JSON rows → a plan (diff + row errors) that is
 * either reported (dry run) or applied in the caller's single write transaction.
 *
 * Row format (CSV header `type,from,to,role,status,source,rationale,op`; JSON uses the same keys):
 * - type: FACILITATES (from entity, to action line) | RESPONSIBLE_FOR (entity → GDC commitment) |
 *   ALIGNS_WITH (action line → GDC commitment) | SUPPORTS (action line → SDG target "5.b" or goal "5")
 * - role: lead|co|partner (FACILITATES), lead|co|contributor (RESPONSIBLE_FOR); required on upsert
 *   of those types, empty otherwise
 * - status: proposed|endorsed|retired (new links default to proposed; empty keeps the current one)
 * - source: "document|locator|url" (url optional; JSON may also send {document, locator, url});
 *   required for a new link, empty keeps the current one
 * - rationale: text; empty keeps the current one (JSON null clears it)
 * - op: upsert (default) | delete. Deleting a link that does not exist is a no-op ("unchanged").
 * Rows are numbered from 1 (the first data row; in CSV the line after the header).
 */

export const importColumns = ['type', 'from', 'to', 'role', 'status', 'source', 'rationale', 'op'] as const;

export interface ImportError {
  row: number;
  path: string;
  message: string;
}

export interface ImportRow {
  row: number;
  op: 'upsert' | 'delete';
  key: LinkKey;
  change: LinkChange;
}

export interface DiffRow {
  row: number;
  op: 'upsert' | 'delete';
  type: LinkType;
  from: string;
  to: string;
  before: LinkState | null;
  after: LinkState | null;
}

export interface ImportPlan {
  rows: number;
  added: DiffRow[];
  changed: DiffRow[];
  removed: DiffRow[];
  unchanged: DiffRow[];
  errors: ImportError[];
  /** What apply() writes, in row order. */
  writes: { key: LinkKey; next: LinkState | null; existed: boolean; diff: DiffRow }[];
}

/** Raw rows from a CSV text: the header names the columns (any order); unknown columns are an error. */
export function rowsFromCsv(text: string): { rows: Record<string, unknown>[]; errors: ImportError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw badRequest(`The CSV could not be parsed: ${(error as Error).message}`, [
      { path: 'body', message: (error as Error).message },
    ]);
  }
  const [header, ...data] = records;
  if (!header)
    throw badRequest('The CSV is empty: expected the header type,from,to,role,status,source,rationale,op.', [
      { path: 'body', message: 'empty CSV' },
    ]);
  const columns = header.map((h) => h.trim().toLowerCase());
  const errors: ImportError[] = [];
  for (const c of columns) {
    if (!(importColumns as readonly string[]).includes(c)) {
      errors.push({
        row: 0,
        path: `header.${c}`,
        message: `unknown column "${c}"; allowed: ${importColumns.join(', ')}`,
      });
    }
  }
  for (const required of ['type', 'from', 'to'] as const) {
    if (!columns.includes(required))
      errors.push({ row: 0, path: `header.${required}`, message: `missing column "${required}"` });
  }
  if (data.length === 0) errors.push({ row: 0, path: 'body', message: 'no data rows after the header' });
  const rows = data.map((fields, i) => {
    if (fields.length !== columns.length) {
      errors.push({
        row: i + 1,
        path: `rows.${i + 1}`,
        message: `has ${fields.length} fields, the header has ${columns.length}`,
      });
    }
    return Object.fromEntries(columns.map((c, j) => [c, fields[j] ?? '']));
  });
  return { rows, errors };
}

const TARGET_ID = /^(?:[1-9]|1[0-7])\.(?:\d{1,2}|[a-z])$/;
const GOAL_ID = /^(?:[1-9]|1[0-7])$/;
const URL_RE = /^https?:\/\/\S+$/;

const blank = (v: unknown) => v === undefined || (typeof v === 'string' && v.trim() === '');

/** Validates one raw row's shape (ids are checked against the graph later). */
function normaliseRow(raw: Record<string, unknown>, row: number, errors: ImportError[]): ImportRow | undefined {
  const at = (field: string) => `rows.${row}.${field}`;
  const fail = (field: string, message: string) => {
    errors.push({ row, path: at(field), message });
  };
  const before = errors.length;
  for (const field of Object.keys(raw)) {
    if (!(importColumns as readonly string[]).includes(field)) fail(field, `unknown field "${field}"`);
  }
  const text = (field: string): string | undefined => {
    const v = raw[field];
    if (blank(v) || v === null) return undefined;
    if (typeof v !== 'string') {
      fail(field, 'must be a string');
      return undefined;
    }
    return v.trim();
  };

  const typeText = text('type')?.toUpperCase();
  const type = linkTypes.find((t) => t === typeText);
  if (!typeText) fail('type', `required: one of ${linkTypes.join(', ')}`);
  else if (!type) fail('type', `"${typeText}" is not one of ${linkTypes.join(', ')}`);

  const opText = (text('op') ?? 'upsert').toLowerCase();
  const op = opText === 'upsert' || opText === 'delete' ? opText : undefined;
  if (!op) fail('op', `"${opText}" is not one of upsert, delete`);

  const from = text('from');
  const to = text('to');
  if (!from) fail('from', 'required');
  if (!to) fail('to', 'required');
  if (from && from.length > 100) fail('from', 'at most 100 characters');

  const role = text('role');
  const roles = type ? linkRoles[type] : undefined;
  if (type && roles) {
    if (role && !roles.includes(role)) fail('role', `"${role}" is not one of ${roles.join(', ')} for ${type}`);
    if (!role && op === 'upsert') fail('role', `required for ${type}: one of ${roles.join(', ')}`);
  } else if (type && role) {
    fail('role', `${type} links have no role`);
  }

  const statusText = text('status');
  const status = linkStatuses.find((s) => s === statusText);
  if (statusText && !status) fail('status', `"${statusText}" is not one of ${linkStatuses.join(', ')}`);

  let source: LinkSource | undefined;
  const rawSource = raw.source;
  if (rawSource && typeof rawSource === 'object') {
    const s = rawSource as Record<string, unknown>;
    const extra = Object.keys(s).filter((k) => !['document', 'locator', 'url'].includes(k));
    if (extra.length) fail('source', `unknown field(s) ${extra.join(', ')}`);
    if (typeof s.document !== 'string' || !s.document.trim()) fail('source.document', 'required');
    if (typeof s.locator !== 'string' || !s.locator.trim()) fail('source.locator', 'required');
    const url = s.url === undefined || s.url === null || s.url === '' ? null : s.url;
    if (url !== null && (typeof url !== 'string' || !URL_RE.test(url))) fail('source.url', 'must be an http(s) URL');
    if (typeof s.document === 'string' && typeof s.locator === 'string') {
      source = { document: s.document.trim(), locator: s.locator.trim(), url: typeof url === 'string' ? url : null };
    }
  } else {
    const sourceText = text('source');
    if (sourceText) {
      const [document = '', locator = '', ...rest] = sourceText.split('|').map((p) => p.trim());
      const url = rest.join('|').trim();
      if (!document) fail('source', 'expected "document|locator|url": the document is missing');
      if (!locator) fail('source', 'expected "document|locator|url": the locator is missing');
      if (url && !URL_RE.test(url)) fail('source', `"${url}" is not an http(s) URL`);
      source = { document, locator, url: url || null };
    }
  }

  let rationale: string | null | undefined;
  if (raw.rationale === null) rationale = null;
  else rationale = text('rationale');
  if (rationale && rationale.length > 2000) fail('rationale', 'at most 2000 characters');

  let kind: LinkKey['kind'] | undefined;
  if (type === 'SUPPORTS' && to) {
    if (TARGET_ID.test(to)) kind = 'SUPPORTS_TARGET';
    else if (GOAL_ID.test(to)) kind = 'SUPPORTS_GOAL';
    else fail('to', `"${to}" is neither an SDG target id (5.b) nor a goal id (5)`);
  } else if (type) {
    kind = type as Exclude<LinkType, 'SUPPORTS'>;
  }

  if (errors.length > before || !type || !op || !from || !to || !kind) return undefined;
  return {
    row,
    op,
    key: { kind, from, to },
    change: op === 'delete' ? {} : { role, status: status as LinkStatus | undefined, rationale, source },
  };
}

/** Which label each end of a link kind has, for the existence check. */
const ends: Record<
  LinkKey['kind'],
  [from: 'entities' | 'actionLines', to: 'actionLines' | 'commitments' | 'targets' | 'goals']
> = {
  FACILITATES: ['entities', 'actionLines'],
  RESPONSIBLE_FOR: ['entities', 'commitments'],
  ALIGNS_WITH: ['actionLines', 'commitments'],
  SUPPORTS_TARGET: ['actionLines', 'targets'],
  SUPPORTS_GOAL: ['actionLines', 'goals'],
};
const labelName = {
  entities: 'entity',
  actionLines: 'action line',
  commitments: 'GDC commitment',
  targets: 'SDG target',
  goals: 'SDG',
};

/** Validates every row against the graph and computes the diff; writes nothing. */
export async function planImport(
  tx: ManagedTransaction,
  rawRows: Record<string, unknown>[],
  preErrors: ImportError[] = [],
): Promise<ImportPlan> {
  const errors = [...preErrors];
  const rows = rawRows.map((raw, i) => normaliseRow(raw, i + 1, errors)).filter((r): r is ImportRow => r !== undefined);

  // Every id must exist.
  const wanted = {
    entities: new Set<string>(),
    actionLines: new Set<string>(),
    commitments: new Set<string>(),
    targets: new Set<string>(),
    goals: new Set<string>(),
  };
  for (const r of rows) {
    const [fromLabel, toLabel] = ends[r.key.kind];
    wanted[fromLabel].add(r.key.from);
    wanted[toLabel].add(r.key.to);
  }
  const found = await existingNodes(tx, {
    entities: [...wanted.entities],
    actionLines: [...wanted.actionLines],
    commitments: [...wanted.commitments],
    targets: [...wanted.targets],
    goals: [...wanted.goals],
  });
  const seen = new Map<string, number>();
  const valid: ImportRow[] = [];
  for (const r of rows) {
    const [fromLabel, toLabel] = ends[r.key.kind];
    let ok = true;
    if (!found[fromLabel].has(r.key.from)) {
      errors.push({
        row: r.row,
        path: `rows.${r.row}.from`,
        message: `unknown ${labelName[fromLabel]} "${r.key.from}"`,
      });
      ok = false;
    }
    if (!found[toLabel].has(r.key.to)) {
      errors.push({ row: r.row, path: `rows.${r.row}.to`, message: `unknown ${labelName[toLabel]} "${r.key.to}"` });
      ok = false;
    }
    const k = keyString(r.key);
    const earlier = seen.get(k);
    if (earlier !== undefined) {
      errors.push({ row: r.row, path: `rows.${r.row}`, message: `the same link as row ${earlier}` });
      ok = false;
    } else {
      seen.set(k, r.row);
    }
    if (ok) valid.push(r);
  }

  const current = await getLinks(
    tx,
    valid.map((r) => r.key),
  );
  const plan: ImportPlan = {
    rows: rawRows.length,
    added: [],
    changed: [],
    removed: [],
    unchanged: [],
    errors,
    writes: [],
  };
  // Lead bookkeeping: who leads each touched action line once every row is applied.
  const lines = [...new Set(valid.filter((r) => r.key.kind === 'FACILITATES').map((r) => r.key.to))];
  const leads = new Map([...(await currentLeads(tx, lines))].map(([line, ids]) => [line, new Set(ids)]));
  const leadRows = new Map<string, number[]>();

  for (const r of valid) {
    const before = current.get(keyString(r.key));
    const base = { row: r.row, op: r.op, type: typeOfKind(r.key.kind), from: r.key.from, to: r.key.to };
    if (r.op === 'delete') {
      const diff: DiffRow = { ...base, before: before ?? null, after: null };
      if (before) {
        plan.removed.push(diff);
        plan.writes.push({ key: r.key, next: null, existed: true, diff });
      } else {
        plan.unchanged.push(diff);
      }
      if (r.key.kind === 'FACILITATES') leads.get(r.key.to)?.delete(r.key.from);
      continue;
    }
    const next = mergeLink(r.key, before, r.change);
    if (!next.source) {
      errors.push({
        row: r.row,
        path: `rows.${r.row}.source`,
        message: 'required for a new link ("document|locator|url")',
      });
      continue;
    }
    if (r.key.kind === 'FACILITATES') {
      const set = leads.get(r.key.to) ?? new Set<string>();
      set.delete(r.key.from);
      if (isActiveLead(next)) {
        set.add(r.key.from);
        leadRows.set(r.key.to, [...(leadRows.get(r.key.to) ?? []), r.row]);
      }
      leads.set(r.key.to, set);
    }
    const diff: DiffRow = { ...base, before: before ?? null, after: next };
    if (sameContent(before, next)) {
      plan.unchanged.push(diff);
    } else {
      (before ? plan.changed : plan.added).push(diff);
      plan.writes.push({ key: r.key, next, existed: before !== undefined, diff });
    }
  }

  for (const [line, set] of leads) {
    if (set.size > 1) {
      for (const row of leadRows.get(line) ?? []) {
        errors.push({
          row,
          path: `rows.${row}.role`,
          message: `${line} would have ${set.size} leads (${[...set].sort().join(', ')}): one lead per action line; demote or delete the other lead in the same import`,
        });
      }
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return plan;
}

/** Applies a plan without errors inside the caller's write transaction; returns one change draft per written row. */
export async function applyImport(
  tx: ManagedTransaction,
  plan: ImportPlan,
  actor: string,
  at: string,
  reason: string | null,
): Promise<ChangeDraft[]> {
  const upserts = plan.writes.filter((w) => w.next !== null);
  const written = await upsertLinks(
    tx,
    upserts.map((w) => ({ key: w.key, next: w.next!, existed: w.existed })),
    actor,
    at,
  );
  upserts.forEach((w, i) => {
    w.diff.after = written[i]!;
  });
  await deleteLinks(
    tx,
    plan.writes.filter((w) => w.next === null).map((w) => w.key),
  );
  return plan.writes.map((w) => ({
    action: `${linkActionName[w.key.kind]}.${w.next === null ? 'delete' : 'put'}`,
    target: linkTarget(w.key),
    before: w.diff.before,
    after: w.diff.after,
    reason,
  }));
}

export const newImportId = () => randomUUID();
