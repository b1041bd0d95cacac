import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { WriteIntents } from '../db/write-intents.js';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { run } from '../db/db.js';
import { allLinkKinds, linkKindSpec } from '../domain/links.js';
import type { Seed, SeedKey, Source } from './schema.js';
import { goalLabelProps, readSdgLabels, type SdgLabels, titleLabelProps } from './sdg-labels.js';
import { readSeed } from './validate.js';

/** The committed seed files, found relative to this module so the working directory does not matter. */
export const defaultSeedDir = fileURLToPath(new URL('../../seed/', import.meta.url));

export interface Outcomes {
  created: number;
  updated: number;
  unchanged: number;
  /**
   * Left alone because curation owns them: nodes and links an API write created, changed or
   * verified, and rows naming a commitment or entity that curation retired, renumbered or merged.
   */
  curated: number;
}

export interface SeedReport {
  nodes: Outcomes;
  relationships: Outcomes;
  /** Graph revision after the load; unchanged when the load changed nothing. */
  revision: number;
  /** The same counts per node label and relationship type. */
  byKind: Record<string, Outcomes>;
}

type Props = Record<string, unknown>;
interface NodeRow {
  id: string;
  props: Props;
}
interface LinkRow {
  from: string;
  to: string;
  status: string;
  props: Props;
}
interface WriteStep {
  /** cypher/<query>.cypher */
  query: string;
  group: 'nodes' | 'relationships';
  /** Node label or relationship type, for the per-kind report. */
  kind: string;
  /** Node label, or relationship type and end labels: parameters of seed/upsert-nodes and seed/upsert-links. */
  labels: { label: string } | { type: string; fromLabel: string; toLabel: string };
  rows: NodeRow[] | LinkRow[];
}

/** A link record of any link seed file: the fields the registry names, plus the shared link fields. */
type LinkRecord = Record<string, unknown> & {
  status: string;
  role?: string;
  source: Source;
  confidence?: string;
  rationale?: string;
};

function structuralStep(type: string, fromLabel: string, toLabel: string, rows: LinkRow[]): WriteStep {
  return { query: 'seed/upsert-links', group: 'relationships', kind: type, labels: { type, fromLabel, toLabel }, rows };
}

/** Neo4j properties cannot be maps, so `source` is stored flattened (the API nests it again). */
function provenance(source: Source): Props {
  return {
    sourceDocument: source.document,
    sourceLocator: source.locator,
    sourceUrl: source.url,
    sourceNote: source.note ?? null,
  };
}

/** Properties shared by every link; null removes a property the seed no longer sets. */
function linkProps(link: { source: Source; confidence?: string; rationale?: string }, extra: Props = {}): Props {
  return {
    ...extra,
    ...provenance(link.source),
    confidence: link.confidence ?? null,
    rationale: link.rationale ?? null,
  };
}

/** Structural links (PART_OF, UNDER, OF, MEASURES) carry the provenance of the child record. */
function structural(from: string, to: string, source: Source, confidence?: string): LinkRow {
  return { from, to, status: 'endorsed', props: linkProps({ source, confidence }) };
}

/** Every write of a load, nodes before the links that need them. */
function planWrites(seed: Seed, labels?: SdgLabels): WriteStep[] {
  // Whole numbers go in as Neo4j integers; plain JS numbers would be stored as floats.
  const int = (n: number) => neo4j.int(n);
  return [
    {
      query: 'seed/upsert-nodes',
      group: 'nodes',
      kind: 'ActionLine',
      labels: { label: 'ActionLine' },
      rows: seed.actionLines.map((l) => ({
        id: l.id,
        props: {
          title: l.title,
          titleGeneva2003: l.titleGeneva2003,
          kind: l.kind,
          ordinal: int(l.ordinal),
          ...provenance(l.source),
        },
      })),
    },
    {
      query: 'seed/upsert-nodes',
      group: 'nodes',
      kind: 'GdcObjective',
      labels: { label: 'GdcObjective' },
      rows: seed.gdcObjectives.map((o) => ({
        id: o.id,
        props: { title: o.title, verified: o.verified, confidence: o.confidence, ...provenance(o.source) },
      })),
    },
    {
      query: 'seed/upsert-nodes',
      group: 'nodes',
      kind: 'GdcCommitment',
      labels: { label: 'GdcCommitment' },
      rows: seed.gdcCommitments.map((c) => ({
        id: c.id,
        props: {
          label: c.label,
          paragraph: int(c.paragraph),
          letter: c.letter,
          section: c.section,
          sectionTitle: c.sectionTitle,
          summary: c.summary,
          verified: c.verified,
          confidence: c.confidence,
          ...provenance(c.source),
        },
      })),
    },
    {
      query: 'seed/upsert-nodes',
      group: 'nodes',
      kind: 'Sdg',
      labels: { label: 'Sdg' },
      rows: seed.sdgs.map((s) => ({
        id: s.id,
        props: {
          title: s.title,
          shortTitle: s.shortTitle,
          uri: s.uri,
          ...provenance(s.source),
          ...goalLabelProps(labels, s.id),
        },
      })),
    },
    {
      query: 'seed/upsert-nodes',
      group: 'nodes',
      kind: 'SdgTarget',
      labels: { label: 'SdgTarget' },
      rows: seed.sdgTargets.map((t) => ({
        id: t.id,
        props: {
          title: t.title,
          kind: t.kind,
          uri: t.uri,
          ...provenance(t.source),
          ...titleLabelProps(labels, 'targets', t.id),
        },
      })),
    },
    {
      query: 'seed/upsert-nodes',
      group: 'nodes',
      kind: 'SdgIndicator',
      labels: { label: 'SdgIndicator' },
      rows: seed.sdgIndicators.map((i) => ({
        id: i.id,
        props: {
          title: i.title,
          status: i.status,
          ...provenance(i.source),
          ...titleLabelProps(labels, 'indicators', i.id),
        },
      })),
    },
    {
      query: 'seed/upsert-nodes',
      group: 'nodes',
      kind: 'Entity',
      labels: { label: 'Entity' },
      rows: seed.entities.map((e) => ({
        id: e.id,
        props: {
          name: e.name,
          kind: e.kind,
          ungisMember: e.ungisMember,
          verified: e.verified,
          membershipConfidence: e.membershipConfidence,
          ...provenance(e.source),
        },
      })),
    },
    structuralStep(
      'PART_OF',
      'ActionLine',
      'ActionLine',
      seed.actionLines.flatMap((l) => (l.partOf === null ? [] : [structural(l.id, l.partOf, l.source)])),
    ),
    structuralStep(
      'UNDER',
      'GdcCommitment',
      'GdcObjective',
      seed.gdcCommitments.map((c) => structural(c.id, c.objective, c.source, c.confidence)),
    ),
    structuralStep(
      'OF',
      'SdgTarget',
      'Sdg',
      seed.sdgTargets.map((t) => structural(t.id, t.sdg, t.source)),
    ),
    structuralStep(
      'MEASURES',
      'SdgIndicator',
      'SdgTarget',
      seed.sdgIndicators.map((i) => structural(i.id, i.target, i.source)),
    ),
    // The roadmap links, one step per kind of the link registry.
    ...allLinkKinds.map((kind): WriteStep => {
      const spec = linkKindSpec(kind);
      const records = seed[spec.seed.key as SeedKey] as unknown as LinkRecord[];
      return {
        query: 'seed/upsert-links',
        group: 'relationships',
        kind: spec.type,
        labels: { type: spec.type, fromLabel: spec.from, toLabel: spec.to },
        rows: records.map((r) => ({
          from: r[spec.seed.from] as string,
          to: r[spec.seed.to] as string,
          status: r.status,
          props: linkProps(r, spec.roles ? { role: r.role } : {}),
        })),
      };
    }),
  ];
}

/** Counts may come back as Neo4j integers when the driver keeps lossless integers. */
function toNumber(value: unknown): number {
  return neo4j.isInt(value) ? (value as { toNumber(): number }).toNumber() : Number(value);
}

const emptyOutcomes = (): Outcomes => ({ created: 0, updated: 0, unchanged: 0, curated: 0 });

async function writeAll(tx: ManagedTransaction, steps: WriteStep[], now: string): Promise<SeedReport> {
  const report: SeedReport = { nodes: emptyOutcomes(), relationships: emptyOutcomes(), revision: 0, byKind: {} };
  for (const step of steps) {
    const result = await run<{ outcome: keyof Outcomes; rows: unknown }>(tx, step.query, {
      ...step.labels,
      rows: step.rows,
      now,
    });
    const perKind = (report.byKind[step.kind] ??= emptyOutcomes());
    let written = 0;
    for (const { outcome, rows } of result) {
      const n = toNumber(rows);
      report[step.group][outcome] += n;
      perKind[outcome] += n;
      written += n;
    }
    // A link whose end is missing would be skipped silently by MATCH; refuse instead (rolls back).
    if (written !== step.rows.length) {
      throw new Error(`${step.query} wrote ${written} of ${step.rows.length} rows; the load was rolled back`);
    }
  }

  // Not a content change (the API shows the same order), so it does not count for the revision.
  await run(tx, 'action-lines/set-sort-key');

  const changed =
    report.nodes.created + report.nodes.updated + report.relationships.created + report.relationships.updated > 0;
  if (changed) {
    const [row] = await run<{ revision: unknown }>(tx, 'seed/advance-revision', {
      changeId: randomUUID(),
      at: now,
      after: JSON.stringify({ nodes: report.nodes, relationships: report.relationships }),
    });
    report.revision = toNumber(row?.revision);
  } else {
    const [row] = await run<{ revision: unknown }>(tx, 'seed/read-revision');
    report.revision = toNumber(row?.revision);
  }
  return report;
}

/**
 * Re-seeding and curated data: the seed never overwrites what staff curated through the API. A
 * commitment, entity or link that an API write created, changed or verified keeps every property
 * (its confidence and verified flags included); a retired, renumbered or merged id stays retired
 * (its tombstone blocks the row and every seed link naming it); commitments and entities created
 * through the API are never removed (the seed only upserts). Such rows count as `curated`.
 *
 * Validates the seed in `opts.dir` (default: the committed seed/) and writes all of it in one
 * transaction. Bad data throws SeedValidationError before anything is written. Idempotent: a
 * second run reports everything unchanged and leaves the graph revision where it was.
 */
export async function loadSeed(driver: Driver, opts: { dir?: string } = {}): Promise<SeedReport> {
  const dir = opts.dir ?? defaultSeedDir;
  const seed = await readSeed(dir);
  const steps = planWrites(seed, await readSdgLabels(dir));
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
  // Announced like every API write (src/db/consistency.ts), so API readers running meanwhile
  // never trust a half-applied seed.
  const intents = new WriteIntents((work) => session.executeWrite(work));
  const entry = await intents.announce();
  try {
    // A fresh timestamp per attempt: executeWrite may retry the whole function on transient errors.
    return await session.executeWrite((tx) => writeAll(tx, steps, new Date().toISOString()));
  } finally {
    await intents.settle(entry);
    await session.close();
  }
}
