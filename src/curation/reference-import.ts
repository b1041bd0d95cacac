import { parse } from 'csv-parse/sync';
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import type { ChangeDraft } from '../db/recorded-write.js';
import { commitmentIdOf } from '../domain/curation.js';
import { badRequest } from '../lib/problems.js';
import { confidenceSchema, entityKindSchema, membershipConfidenceSchema } from '../domain/enums.js';
import { gdcCommitmentIdSchema, gdcSectionIdSchema, newEntityIdSchema } from '../domain/ids.js';
import {
  type Actor,
  type CommitmentInput,
  type CuratedCommitment,
  createCommitment,
  getCommitment,
  retireCommitment,
  updateCommitment,
} from './commitments.js';
import {
  type CuratedEntity,
  createEntity,
  type EntityInput,
  getEntity,
  retireEntity,
  updateEntity,
} from './entities.js';

/**
 * Bulk import of reference records (POST /v1/imports/commitments, /v1/imports/entities): CSV or
 * JSON rows → a plan (diff + every row error) that is either reported (dry run) or applied in the
 * caller's one write transaction, with the same rules as the single writes (src/curation/*.ts).
 *
 * Commitments, CSV header (any order) op,id,paragraph,letter,objective,section,sectionTitle,summary,sdgs,verified,confidence,source:
 * - op: upsert (default) | retire. id, or paragraph (+ letter), names the commitment; when both are
 *   given they must agree (a changed paragraph/letter is a renumbering, not an import).
 * - A new commitment needs objective, section, sectionTitle, summary and source; sdgs may be empty.
 * - On an existing one, an empty cell keeps the current value; sdgs "none" clears the cited SDGs.
 * - sdgs: goal numbers separated by ";" or spaces (JSON: an array); source "document|locator|url"
 *   (JSON: an object too); verified true|false; confidence high|medium|low.
 * Entities, header op,id,name,kind,ungisMember,verified,membershipConfidence,source, same rules (a new
 * entity needs name, kind, ungisMember and source).
 * Rows are numbered from 1 (the first data row); row 0 is the CSV header.
 */

export type ReferenceKind = 'commitments' | 'entities';

export const referenceColumns: Record<ReferenceKind, readonly string[]> = {
  commitments: [
    'op',
    'id',
    'paragraph',
    'letter',
    'objective',
    'section',
    'sectionTitle',
    'summary',
    'sdgs',
    'verified',
    'confidence',
    'source',
  ],
  entities: ['op', 'id', 'name', 'kind', 'ungisMember', 'verified', 'membershipConfidence', 'source'],
};

export interface RowError {
  row: number;
  path: string;
  message: string;
}

type State = CuratedCommitment | CuratedEntity;

export interface ReferenceDiffRow {
  row: number;
  op: 'upsert' | 'retire';
  id: string;
  before: State | null;
  after: Record<string, unknown> | null;
}

export interface ReferencePlan {
  rows: number;
  added: ReferenceDiffRow[];
  changed: ReferenceDiffRow[];
  removed: ReferenceDiffRow[];
  unchanged: ReferenceDiffRow[];
  errors: RowError[];
  /** What apply writes, in row order. */
  writes: { diff: ReferenceDiffRow; kind: 'create' | 'update' | 'retire'; fields: Record<string, unknown> }[];
}

/** Raw rows of a CSV text; unknown or missing header columns are row-0 errors. */
export function referenceRowsFromCsv(
  kind: ReferenceKind,
  text: string,
): { rows: Record<string, unknown>[]; errors: RowError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw badRequest(`The CSV could not be parsed: ${(error as Error).message}`, [
      { path: 'body', message: (error as Error).message },
    ]);
  }
  const allowed = referenceColumns[kind];
  const [header, ...data] = records;
  if (!header)
    throw badRequest(`The CSV is empty: expected the header ${allowed.join(',')}.`, [
      { path: 'body', message: 'empty CSV' },
    ]);
  const errors: RowError[] = [];
  const columns = header.map((h) => h.trim());
  for (const c of columns)
    if (!allowed.includes(c))
      errors.push({ row: 0, path: `header.${c}`, message: `unknown column "${c}"; allowed: ${allowed.join(', ')}` });
  if (!columns.includes('id') && !(kind === 'commitments' && columns.includes('paragraph')))
    errors.push({ row: 0, path: 'header.id', message: 'missing column "id"' });
  if (data.length === 0) errors.push({ row: 0, path: 'body', message: 'no data rows after the header' });
  const rows = data.map((fields, i) => {
    if (fields.length !== columns.length)
      errors.push({
        row: i + 1,
        path: `rows.${i + 1}`,
        message: `has ${fields.length} fields, the header has ${columns.length}`,
      });
    // Empty cells are absent: they keep the current value.
    return Object.fromEntries(columns.map((c, j) => [c, fields[j] ?? '']).filter(([, v]) => v !== ''));
  });
  return { rows, errors };
}

// ---- one row's shape (CSV strings or JSON values) ----

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().min(1).max(max).regex(/\S/, 'must not be blank').optional());
const int = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : blankToUndefined(v)),
    z.int().min(min).max(max).optional(),
  );
const bool = z.preprocess(
  (v) => (v === 'true' ? true : v === 'false' ? false : blankToUndefined(v)),
  z.boolean({ error: 'must be true or false' }).optional(),
);
const sourceField = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    if (v.trim() === '') return undefined;
    const [document = '', locator = '', ...rest] = v.split('|').map((p) => p.trim());
    return { document, locator, url: rest.join('|').trim() || null };
  },
  z
    .strictObject({
      document: z.string().trim().min(1, 'the document is missing ("document|locator|url")').max(500),
      locator: z.string().trim().min(1, 'the locator is missing ("document|locator|url")').max(500),
      url: z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
        .max(2000)
        .nullable()
        .optional(),
    })
    .optional(),
);
const op = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
  z.enum(['upsert', 'retire']).default('upsert'),
);

const commitmentRowSchema = z.strictObject({
  op,
  id: z.preprocess(blankToUndefined, gdcCommitmentIdSchema.optional()),
  paragraph: int(1, 99),
  letter: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z]$/, 'must be one lower-case letter')
      .nullable()
      .optional(),
  ),
  objective: int(1, 5),
  section: z.preprocess(blankToUndefined, gdcSectionIdSchema.optional()),
  sectionTitle: text(200),
  summary: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(300)
      .regex(/^\s*\S+(?:\s+\S+){0,19}\s*$/, 'must be 1 to 20 words')
      .optional(),
  ),
  sdgs: z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      if (v.trim() === '') return undefined;
      if (v.trim().toLowerCase() === 'none') return [];
      return v
        .split(/[;\s]+/)
        .filter(Boolean)
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    },
    z
      .array(z.int({ error: 'must be goal numbers 1–17' }).min(1).max(17))
      .refine((l) => new Set(l).size === l.length, 'each SDG once')
      .optional(),
  ),
  verified: bool,
  confidence: z.preprocess(blankToUndefined, confidenceSchema.optional()),
  source: sourceField,
});

const entityRowSchema = z.strictObject({
  op,
  id: z.preprocess(blankToUndefined, newEntityIdSchema.optional()),
  name: text(300),
  kind: z.preprocess(blankToUndefined, entityKindSchema.optional()),
  ungisMember: bool,
  verified: bool,
  membershipConfidence: z.preprocess(blankToUndefined, membershipConfidenceSchema.optional()),
  source: sourceField,
});

type CommitmentRow = z.infer<typeof commitmentRowSchema>;
type EntityRow = z.infer<typeof entityRowSchema>;

function shapeErrors(error: z.ZodError, row: number): RowError[] {
  return error.issues.map((issue) => ({
    row,
    path: ['rows', row, ...issue.path].join('.'),
    message: issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message,
  }));
}

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Comparable content of a state (who/when aside), so an unchanged row is reported as unchanged. */
const commitmentContent = (c: Record<string, unknown>) =>
  JSON.stringify([c.objective, c.section, c.sectionTitle, c.summary, c.sdgs, c.verified, c.confidence, c.source]);
const entityContent = (e: Record<string, unknown>) =>
  JSON.stringify([e.name, e.kind, e.ungisMember, e.verified, e.membershipConfidence, e.source]);

const sortedSdgs = (l: number[] | undefined) => (l ? [...l].sort((a, b) => a - b) : undefined);
const withUrl = (s: { document: string; locator: string; url?: string | null | undefined } | undefined) =>
  s ? { document: s.document, locator: s.locator, url: s.url ?? null } : undefined;

/** Validates every row (shape, then against the graph) and computes the diff; writes nothing. */
export async function planReferenceImport(
  tx: ManagedTransaction,
  kind: ReferenceKind,
  rawRows: Record<string, unknown>[],
  preErrors: RowError[] = [],
): Promise<ReferencePlan> {
  const plan: ReferencePlan = {
    rows: rawRows.length,
    added: [],
    changed: [],
    removed: [],
    unchanged: [],
    errors: [...preErrors],
    writes: [],
  };
  const seen = new Map<string, number>();
  for (const [i, raw] of rawRows.entries()) {
    const row = i + 1;
    const fail = (field: string, message: string) => plan.errors.push({ row, path: `rows.${row}.${field}`, message });
    const parsed = (kind === 'commitments' ? commitmentRowSchema : entityRowSchema).safeParse(raw);
    if (!parsed.success) {
      plan.errors.push(...shapeErrors(parsed.error, row));
      continue;
    }
    const r = parsed.data as CommitmentRow & EntityRow;
    let id = r.id;
    if (kind === 'commitments' && id !== undefined && r.paragraph === undefined) {
      // The id names the paragraph and letter.
      const [, paragraph, letter] = /^(\d+)([a-z]?)$/.exec(id)!;
      r.paragraph = Number(paragraph);
      r.letter = letter || null;
    } else if (kind === 'commitments') {
      if (r.paragraph !== undefined) {
        const derived = commitmentIdOf(r.paragraph, r.letter ?? null);
        if (id !== undefined && id !== derived) {
          fail(
            'id',
            `${id} does not match paragraph ${r.paragraph} letter ${r.letter ?? '(none)'} (${derived}); renumber with POST /v1/gdc/commitments/${id}/renumber`,
          );
          continue;
        }
        id = derived;
      }
    }
    if (id === undefined) {
      fail('id', kind === 'commitments' ? 'required: id or paragraph' : 'required');
      continue;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      fail('id', `${id} is already in row ${earlier}`);
      continue;
    }
    seen.set(id, row);

    const before = kind === 'commitments' ? await getCommitment(tx, id) : await getEntity(tx, id);
    const diff = (after: Record<string, unknown> | null): ReferenceDiffRow => ({
      row,
      op: r.op,
      id,
      before: before ?? null,
      after,
    });
    if (r.op === 'retire') {
      const extra = Object.keys(
        defined({ ...r, op: undefined, id: undefined, paragraph: undefined, letter: undefined }),
      );
      if (extra.length) fail(extra[0]!, 'a retire row names the record only');
      else if (!before) fail('id', `unknown ${kind === 'commitments' ? 'GDC commitment' : 'entity'} ${id}`);
      else if (before.status === 'retired') plan.unchanged.push(diff(before));
      else {
        const d = diff({ ...before, status: 'retired' });
        plan.removed.push(d);
        plan.writes.push({ diff: d, kind: 'retire', fields: {} });
      }
      continue;
    }

    const fields =
      kind === 'commitments'
        ? defined({
            objective: r.objective,
            section: r.section,
            sectionTitle: r.sectionTitle,
            summary: r.summary,
            sdgs: sortedSdgs(r.sdgs),
            verified: r.verified,
            confidence: r.confidence,
            source: withUrl(r.source),
          })
        : defined({
            name: r.name,
            kind: r.kind,
            ungisMember: r.ungisMember,
            verified: r.verified,
            membershipConfidence: r.membershipConfidence,
            source: withUrl(r.source),
          });
    if (before?.status === 'retired') {
      fail('id', `${id} was retired on ${before.retiredAt}; ids are never reused`);
      continue;
    }
    if (!before) {
      const required =
        kind === 'commitments'
          ? ['objective', 'section', 'sectionTitle', 'summary', 'source']
          : ['name', 'kind', 'ungisMember', 'source'];
      const missing = required.filter((f) => fields[f] === undefined);
      if (missing.length) {
        for (const f of missing) fail(f, `required for a new ${kind === 'commitments' ? 'commitment' : 'entity'}`);
        continue;
      }
      const after =
        kind === 'commitments'
          ? {
              id,
              paragraph: r.paragraph,
              letter: r.letter ?? null,
              sdgs: [],
              verified: false,
              confidence: 'low',
              ...fields,
            }
          : { id, verified: false, membershipConfidence: 'unverified', ...fields };
      const d = diff(after);
      plan.added.push(d);
      plan.writes.push({ diff: d, kind: 'create', fields: after });
      continue;
    }
    const after = { ...before, ...fields };
    const content = kind === 'commitments' ? commitmentContent : entityContent;
    if (content(after) === content(before as Record<string, unknown>)) {
      plan.unchanged.push(diff(before));
    } else {
      const d = diff(after);
      plan.changed.push(d);
      plan.writes.push({ diff: d, kind: 'update', fields });
    }
  }
  plan.errors.sort((a, b) => a.row - b.row);
  return plan;
}

/**
 * Applies a plan without errors inside the caller's write transaction, through the same use cases
 * as the single writes. Returns every Change the rows made (links retired with a record included).
 */
export async function applyReferenceImport(
  tx: ManagedTransaction,
  kind: ReferenceKind,
  plan: ReferencePlan,
  actor: Actor,
  reason: string,
): Promise<ChangeDraft[]> {
  const drafts: ChangeDraft[] = [];
  const noun = kind === 'commitments' ? 'commitment' : 'entity';
  const path = (id: string) => (kind === 'commitments' ? `gdc/commitments/${id}` : `entities/${id}`);
  for (const w of plan.writes) {
    const id = w.diff.id;
    const outcome =
      kind === 'commitments'
        ? w.kind === 'create'
          ? await createCommitment(tx, w.fields as unknown as CommitmentInput, actor)
          : w.kind === 'update'
            ? await updateCommitment(tx, id, w.fields, actor)
            : await retireCommitment(tx, id, reason, actor)
        : w.kind === 'create'
          ? await createEntity(tx, w.fields as unknown as EntityInput, actor)
          : w.kind === 'update'
            ? await updateEntity(tx, id, w.fields, actor)
            : await retireEntity(tx, id, reason, actor);
    if (!outcome.changed) continue;
    w.diff.after = outcome.after as Record<string, unknown>;
    drafts.push(...(outcome.also ?? []), {
      action: `${noun}.${w.kind}`,
      target: path(id),
      before: outcome.before,
      after: outcome.after,
      reason,
      replay: outcome.replay,
    });
  }
  return drafts;
}
