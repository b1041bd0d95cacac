import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { allLinkKinds, type LinkKind, linkKindSpec } from '../domain/links.js';
import { type NodeLabel, nodeKinds } from '../domain/nodes.js';
import { seedFiles, type Seed, type SeedKey } from './schema.js';

/** One thing wrong with the seed, precise enough to find and fix by hand. */
export interface SeedProblem {
  /** e.g. "seed/facilitators.json" */
  file: string;
  /** 1-based position in the file's array and the record's id (links: "C2→ITU"); null for file-level problems. */
  record: { number: number; id: string } | null;
  /** Dotted field path (e.g. "source.url"); null when the problem is the record or file as a whole. */
  field: string | null;
  message: string;
}

export function formatProblem(p: SeedProblem): string {
  const where = p.record ? `${p.file} record ${p.record.number} (${p.record.id})` : p.file;
  return p.field ? `${where}: field "${p.field}": ${p.message}` : `${where}: ${p.message}`;
}

export class SeedValidationError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    const shown = problems.slice(0, 50).map((p) => `  ${formatProblem(p)}`);
    if (problems.length > shown.length) shown.push(`  … and ${problems.length - shown.length} more`);
    super(`The seed has ${problems.length} problem(s); nothing was written:\n${shown.join('\n')}`);
    this.name = 'SeedValidationError';
  }
}

/** The node labels the seed holds (a registry kind without a seed file, such as Activity, is never seeded). */
const seededLabels = (Object.keys(nodeKinds) as NodeLabel[]).filter((label) => nodeKinds[label].seedFile !== null);

/** The seed file holding the records of a node label (the node registry names the file). */
const seedKeyOfLabel = (label: NodeLabel): SeedKey => {
  const key = (Object.keys(seedFiles) as SeedKey[]).find((k) => seedFiles[k].file === nodeKinds[label].seedFile);
  if (!key) throw new Error(`No seed file holds ${label} nodes (src/domain/nodes.ts)`);
  return key;
};

/** A link file's two end fields, the URL's owner first (facilitators: "C2→ITU"). */
const linkEnds = (kind: LinkKind) => {
  const spec = linkKindSpec(kind);
  const from = { field: spec.seed.from, to: seedKeyOfLabel(spec.from) };
  const to = { field: spec.seed.to, to: seedKeyOfLabel(spec.to) };
  return spec.resource?.owner === 'to' ? [to, from] : [from, to];
};

/** Fields that identify a record of each file: its id, or for links the two ends (shown as "a→b"). */
const identityFields = {
  ...Object.fromEntries(seededLabels.map((label) => [seedKeyOfLabel(label), ['id']])),
  ...Object.fromEntries(
    allLinkKinds.map((kind) => [linkKindSpec(kind).seed.key, linkEnds(kind).map((end) => end.field)]),
  ),
} as unknown as Record<SeedKey, readonly string[]>;

/** Every field that names a record of another (or the same) file. */
const references: { from: SeedKey; field: string; to: SeedKey }[] = [
  { from: 'actionLines', field: 'partOf', to: 'actionLines' },
  { from: 'gdcCommitments', field: 'objective', to: 'gdcObjectives' },
  { from: 'sdgTargets', field: 'sdg', to: 'sdgs' },
  { from: 'sdgIndicators', field: 'target', to: 'sdgTargets' },
  ...allLinkKinds.flatMap((kind) =>
    linkEnds(kind).map((end) => ({ from: linkKindSpec(kind).seed.key as SeedKey, field: end.field, to: end.to })),
  ),
];

const seedKeys = Object.keys(seedFiles) as SeedKey[];

type RawRecord = Record<string, unknown>;

function asRecord(value: unknown): RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawRecord) : {};
}

function recordId(key: SeedKey, raw: unknown): string {
  const r = asRecord(raw);
  return identityFields[key].map((f) => (typeof r[f] === 'string' ? (r[f] as string) : '?')).join('→');
}

/**
 * Checks a whole seed (the parsed JSON of every file, keyed as in `seedFiles`) and returns it typed.
 * Every problem is collected before throwing, so one run lists everything to fix.
 * `dirLabel` prefixes file names in messages (e.g. "seed" → "seed/facilitators.json").
 */
export function validateSeed(contents: Partial<Record<SeedKey, unknown>>, dirLabel = 'seed'): Seed {
  const problems: SeedProblem[] = [];
  const fileName = (key: SeedKey) => `${dirLabel}/${seedFiles[key].file}`;
  const at = (key: SeedKey, index: number, raw: unknown) => ({ number: index + 1, id: recordId(key, raw) });

  // 1. Shape and enums, per record.
  const rawRecords = {} as Record<SeedKey, unknown[]>;
  const parsed = {} as Record<SeedKey, unknown[]>;
  const positionOf = new WeakMap<object, number>(); // parsed record → index in its file
  for (const key of seedKeys) {
    const content = contents[key];
    rawRecords[key] = [];
    parsed[key] = [];
    if (content === undefined) {
      problems.push({ file: fileName(key), record: null, field: null, message: 'file is missing' });
      continue;
    }
    if (!Array.isArray(content)) {
      problems.push({ file: fileName(key), record: null, field: null, message: 'must be a JSON array of records' });
      continue;
    }
    rawRecords[key] = content;
    const schema: z.ZodType = seedFiles[key].schema;
    content.forEach((raw, index) => {
      const result = schema.safeParse(raw);
      if (result.success) {
        parsed[key].push(result.data);
        positionOf.set(result.data as object, index);
        return;
      }
      for (const issue of result.error.issues) {
        const field =
          issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.length ? issue.path.join('.') : null;
        const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
        problems.push({ file: fileName(key), record: at(key, index, raw), field, message });
      }
    });
  }

  // 2. Duplicates: the same id (nodes) or the same two ends (links) twice in one file.
  const knownIds = {} as Record<SeedKey, Set<string>>;
  for (const key of seedKeys) {
    const firstSeen = new Map<string, number>();
    knownIds[key] = new Set();
    rawRecords[key].forEach((raw, index) => {
      const id = recordId(key, raw);
      const ownId = asRecord(raw).id;
      if (typeof ownId === 'string') knownIds[key].add(ownId);
      const earlier = firstSeen.get(id);
      if (earlier === undefined) {
        firstSeen.set(id, index);
        return;
      }
      const fields = identityFields[key];
      problems.push({
        file: fileName(key),
        record: at(key, index, raw),
        field: fields.join('+'),
        message: `duplicate ${fields.length === 1 ? 'id' : 'link'} ${id} (also record ${earlier + 1})`,
      });
    });
  }

  // 3. Every reference names a record that exists.
  for (const ref of references) {
    rawRecords[ref.from].forEach((raw, index) => {
      const value = asRecord(raw)[ref.field];
      if (typeof value !== 'string' || knownIds[ref.to].has(value)) return; // null / wrong type: shape check reports it
      problems.push({
        file: fileName(ref.from),
        record: at(ref.from, index, raw),
        field: ref.field,
        message: `unknown id "${value}" (no such record in ${fileName(ref.to)})`,
      });
    });
  }

  // 4. Rules of the model that a single record cannot check on its own.
  const seed = parsed as Seed;
  const problem = (key: SeedKey, record: object, field: string, message: string) =>
    problems.push({ file: fileName(key), record: at(key, positionOf.get(record) ?? -1, record), field, message });

  const lineKind = new Map(seed.actionLines.map((l) => [l.id, l.kind]));
  for (const line of seed.actionLines) {
    if (line.kind === 'line' && line.partOf !== null)
      problem('actionLines', line, 'partOf', 'a main line is part of nothing');
    if (line.kind === 'subline' && line.partOf === null)
      problem('actionLines', line, 'partOf', 'a sub-line must name its main line');
    if (line.kind === 'subline' && line.partOf !== null && lineKind.get(line.partOf) === 'subline')
      problem('actionLines', line, 'partOf', `must name a main line, "${line.partOf}" is a sub-line`);
  }

  for (const c of seed.gdcCommitments) {
    if (c.id !== `${c.paragraph}${c.letter ?? ''}`)
      problem('gdcCommitments', c, 'id', `must be paragraph + letter ("${c.paragraph}${c.letter ?? ''}")`);
    const label = c.letter ? `${c.paragraph}(${c.letter})` : `${c.paragraph}`;
    if (c.label !== label) problem('gdcCommitments', c, 'label', `must be "${label}"`);
  }
  // Only evidence seen verbatim in an official page counts as verified.
  for (const key of ['gdcObjectives', 'gdcCommitments'] as const) {
    for (const r of seed[key]) {
      if (r.verified !== (r.confidence === 'high'))
        problem(key, r, 'verified', `must be ${r.confidence === 'high'} when confidence is "${r.confidence}"`);
    }
  }
  for (const e of seed.entities) {
    if (e.verified !== (e.membershipConfidence === 'high'))
      problem(
        'entities',
        e,
        'verified',
        `must be ${e.membershipConfidence === 'high'} when membershipConfidence is "${e.membershipConfidence}"`,
      );
  }

  for (const t of seed.sdgTargets) {
    if (t.id.split('.')[0] !== t.sdg)
      problem('sdgTargets', t, 'sdg', `target ${t.id} belongs to goal ${t.id.split('.')[0]}`);
  }
  for (const i of seed.sdgIndicators) {
    if (!i.id.startsWith(`${i.target}.`))
      problem('sdgIndicators', i, 'target', `indicator ${i.id} does not belong to target ${i.target}`);
  }

  // The facilitation terms of reference (2006) name one lead focal point per line.
  const leadOf = new Map<string, string>();
  for (const f of seed.facilitators) {
    if (f.role !== 'lead') continue;
    const other = leadOf.get(f.actionLine);
    if (other !== undefined)
      problem(
        'facilitators',
        f,
        'role',
        `${f.actionLine} already has a lead (${other}); at most one lead per action line`,
      );
    else leadOf.set(f.actionLine, f.entity);
  }

  if (problems.length > 0) throw new SeedValidationError(problems);
  return seed;
}

/** Reads every seed file from `dir` and validates them together; throws SeedValidationError on any problem. */
export async function readSeed(dir: string): Promise<Seed> {
  const dirLabel = path.basename(path.resolve(dir));
  const contents: Partial<Record<SeedKey, unknown>> = {};
  const problems: SeedProblem[] = [];
  for (const key of seedKeys) {
    const file = seedFiles[key].file;
    let text: string;
    try {
      text = await readFile(path.join(dir, file), 'utf8');
    } catch {
      continue; // reported as "file is missing" by validateSeed
    }
    try {
      contents[key] = JSON.parse(text);
    } catch (error) {
      problems.push({
        file: `${dirLabel}/${file}`,
        record: null,
        field: null,
        message: `not valid JSON: ${(error as Error).message}`,
      });
      contents[key] = []; // keep going so the other files are still checked
    }
  }
  let seed: Seed | undefined;
  try {
    seed = validateSeed(contents, dirLabel);
  } catch (error) {
    if (!(error instanceof SeedValidationError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || seed === undefined) throw new SeedValidationError(problems);
  return seed;
}
