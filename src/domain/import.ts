import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { currentLeads, deleteLinks, getLinks, missingNodes, upsertLinks } from '../db/link-repository.js';
import type { ChangeDraft } from '../db/recorded-write.js';
import { badRequest } from '../lib/problems.js';
import { linkStatusSchema } from './enums.js';
import {
  isActiveLead,
  type LinkChange,
  type LinkSource,
  type LinkState,
  mergeLink,
  sameContent,
  stamped,
} from './link-state.js';
import {
  editableLinkKinds,
  importTypes,
  keyString,
  kindOfImportRow,
  type LinkKey,
  linkKinds,
  linkKindSpec,
  linkTarget,
} from './links.js';
import { type NodeLabel, nodeKinds } from './nodes.js';

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
  type: string;
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

const blank = (v: unknown) => v === undefined || (typeof v === 'string' && v.trim() === '');
const httpUrl = /^https?:\/\/\S+$/;

/** `source` as "document|locator|url" (CSV) or {document, locator, url} (JSON), to a LinkSource. */
const importSourceSchema = z.unknown().transform((value, ctx): LinkSource | undefined => {
  if (typeof value === 'string') {
    const [document = '', locator = '', ...rest] = value.split('|').map((p) => p.trim());
    const url = rest.join('|').trim();
    if (!document)
      ctx.addIssue({ code: 'custom', message: 'expected "document|locator|url": the document is missing' });
    if (!locator) ctx.addIssue({ code: 'custom', message: 'expected "document|locator|url": the locator is missing' });
    if (url && !httpUrl.test(url)) ctx.addIssue({ code: 'custom', message: `"${url}" is not an http(s) URL` });
    return { document, locator, url: url || null };
  }
  const parsed = z
    .strictObject({
      document: z.string().trim().min(1, 'required'),
      locator: z.string().trim().min(1, 'required'),
      url: z.string().regex(httpUrl, 'must be an http(s) URL').nullable().optional(),
    })
    .safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return undefined;
  }
  return { document: parsed.data.document, locator: parsed.data.locator, url: parsed.data.url || null };
});

/** One import row schema per import type, from the link registry; together a discriminated union on `type`. */
function rowSchemaOf(type: string) {
  const kinds = editableLinkKinds.filter((k) => linkKinds[k].importType === type);
  const spec = linkKindSpec(kinds[0]!);
  const toNames = kinds.map((k) => nodeKinds[linkKinds[k].to].name);
  return z
    .strictObject({
      type: z.literal(type),
      op: z.enum(['upsert', 'delete']),
      from: nodeKinds[spec.from].id,
      to: z.string().superRefine((to, ctx) => {
        if (kindOfImportRow(type, to) === undefined)
          ctx.addIssue({ code: 'custom', message: `"${to}" is not the id of a ${toNames.join(' or ')}` });
      }),
      role: spec.roles ? spec.roles.optional() : z.never({ error: `${type} links have no role` }).optional(),
      status: linkStatusSchema.optional(),
      source: importSourceSchema.optional(),
      rationale: z.string().max(2000).nullable().optional(),
    })
    .superRefine((row, ctx) => {
      if (spec.roles && row.op === 'upsert' && !row.role)
        ctx.addIssue({
          code: 'custom',
          path: ['role'],
          message: `required for ${type}: one of ${spec.roles.options.join(', ')}`,
        });
    });
}

const importRowSchema = z.discriminatedUnion(
  'type',
  importTypes.map(rowSchemaOf) as unknown as [ReturnType<typeof rowSchemaOf>, ...ReturnType<typeof rowSchemaOf>[]],
);

/** CSV and JSON rows alike: blank cells are absent, type and op are case-insensitive, op defaults to upsert. */
function canonicalRow(raw: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(raw)) {
    if (field === 'rationale' && value === null) row[field] = null;
    else if (!blank(value) && value !== null) row[field] = typeof value === 'string' ? value.trim() : value;
  }
  if (typeof row.type === 'string') row.type = row.type.toUpperCase();
  row.op = typeof row.op === 'string' ? row.op.toLowerCase() : (row.op ?? 'upsert');
  return row;
}

/** Validates one raw row's shape (ids are checked against the graph later). */
function normaliseRow(raw: Record<string, unknown>, row: number, errors: ImportError[]): ImportRow | undefined {
  const at = (path: PropertyKey[]) => ['rows', row, ...path].map(String).join('.');
  const canonical = canonicalRow(raw);
  if (typeof canonical.type !== 'string' || !(importTypes as readonly string[]).includes(canonical.type)) {
    errors.push({
      row,
      path: at(['type']),
      message: canonical.type
        ? `"${String(canonical.type)}" is not one of ${importTypes.join(', ')}`
        : `required: one of ${importTypes.join(', ')}`,
    });
    // Still report the other fields' problems against the first type's shape.
    canonical.type = importTypes[0];
  }
  const parsed = importRowSchema.safeParse(canonical);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'type') continue;
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          errors.push({ row, path: at([...issue.path, key]), message: `unknown field "${key}"` });
      } else {
        errors.push({ row, path: at(issue.path), message: issue.message });
      }
    }
    return undefined;
  }
  if (errors.some((e) => e.row === row)) return undefined;
  const data = parsed.data;
  const kind = kindOfImportRow(data.type, data.to)!;
  return {
    row,
    op: data.op,
    key: { kind, from: data.from, to: data.to },
    change:
      data.op === 'delete'
        ? {}
        : { role: data.role, status: data.status, rationale: data.rationale, source: data.source },
  };
}

/** Validates every row against the graph and computes the diff; writes nothing. */
export async function planImport(
  tx: ManagedTransaction,
  rawRows: Record<string, unknown>[],
  preErrors: ImportError[] = [],
): Promise<ImportPlan> {
  const errors = [...preErrors];
  const rows = rawRows.map((raw, i) => normaliseRow(raw, i + 1, errors)).filter((r): r is ImportRow => r !== undefined);

  // Every id must exist.
  const refs = rows.flatMap((r) => {
    const spec = linkKindSpec(r.key.kind);
    return [
      { label: spec.from as NodeLabel, id: r.key.from },
      { label: spec.to as NodeLabel, id: r.key.to },
    ];
  });
  const missing = new Set((await missingNodes(tx, refs)).map((m) => `${m.label}|${m.id}`));
  const seen = new Map<string, number>();
  const valid: ImportRow[] = [];
  for (const r of rows) {
    const spec = linkKindSpec(r.key.kind);
    let ok = true;
    for (const end of ['from', 'to'] as const) {
      const label = spec[end];
      if (missing.has(`${label}|${r.key[end]}`)) {
        errors.push({
          row: r.row,
          path: `rows.${r.row}.${end}`,
          message: `unknown ${nodeKinds[label].name} "${r.key[end]}"`,
        });
        ok = false;
      }
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
  // Lead bookkeeping per one-lead kind: who leads each touched node once every row is applied.
  const leadKey = (key: LinkKey) => `${key.kind}|${key.to}`;
  const leads = new Map<string, Set<string>>();
  for (const kind of editableLinkKinds.filter((k) => linkKinds[k].oneLead)) {
    const targets = [...new Set(valid.filter((r) => r.key.kind === kind).map((r) => r.key.to))];
    for (const [to, ids] of await currentLeads(tx, kind, targets)) leads.set(`${kind}|${to}`, new Set(ids));
  }
  const leadRows = new Map<string, number[]>();

  for (const r of valid) {
    const before = current.get(keyString(r.key));
    const base = { row: r.row, op: r.op, type: linkKindSpec(r.key.kind).type, from: r.key.from, to: r.key.to };
    if (r.op === 'delete') {
      const diff: DiffRow = { ...base, before: before ?? null, after: null };
      if (before) {
        plan.removed.push(diff);
        plan.writes.push({ key: r.key, next: null, existed: true, diff });
      } else {
        plan.unchanged.push(diff);
      }
      if (linkKindSpec(r.key.kind).oneLead) leads.get(leadKey(r.key))?.delete(r.key.from);
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
    if (linkKindSpec(r.key.kind).oneLead) {
      const set = leads.get(leadKey(r.key)) ?? new Set<string>();
      set.delete(r.key.from);
      if (isActiveLead(r.key, next)) {
        set.add(r.key.from);
        leadRows.set(leadKey(r.key), [...(leadRows.get(leadKey(r.key)) ?? []), r.row]);
      }
      leads.set(leadKey(r.key), set);
    }
    const diff: DiffRow = { ...base, before: before ?? null, after: next };
    if (sameContent(before, next)) {
      plan.unchanged.push(diff);
    } else {
      (before ? plan.changed : plan.added).push(diff);
      plan.writes.push({ key: r.key, next, existed: before !== undefined, diff });
    }
  }

  for (const [lead, set] of leads) {
    const line = lead.slice(lead.indexOf('|') + 1);
    if (set.size > 1) {
      for (const row of leadRows.get(lead) ?? []) {
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
  const upserts = plan.writes
    .filter((w) => w.next !== null)
    .map((w) => {
      w.diff.after = stamped(w.next!, w.existed, actor, at);
      return { key: w.key, state: w.diff.after };
    });
  await upsertLinks(tx, upserts);
  await deleteLinks(
    tx,
    plan.writes.filter((w) => w.next === null).map((w) => w.key),
  );
  return plan.writes.map((w) => ({
    action: `${linkKindSpec(w.key.kind).action}.${w.next === null ? 'delete' : 'put'}`,
    target: linkTarget(w.key),
    before: w.diff.before,
    after: w.diff.after,
    reason,
  }));
}

export const newImportId = () => randomUUID();

/** A plan as a response body reports it: the counts, then the rows of each outcome. */
export function planReport<
  P extends {
    rows: number;
    added: readonly unknown[];
    changed: readonly unknown[];
    removed: readonly unknown[];
    unchanged: readonly unknown[];
    errors: readonly unknown[];
  },
>(plan: P) {
  return {
    summary: {
      rows: plan.rows,
      added: plan.added.length,
      changed: plan.changed.length,
      removed: plan.removed.length,
      unchanged: plan.unchanged.length,
      errors: plan.errors.length,
    },
    added: plan.added as P['added'],
    changed: plan.changed as P['changed'],
    removed: plan.removed as P['removed'],
    unchanged: plan.unchanged as P['unchanged'],
    errors: plan.errors as P['errors'],
  };
}
