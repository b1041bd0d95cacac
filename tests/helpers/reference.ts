import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { expect } from 'vitest';
import { runMigrations } from '../../src/db/migrate.js';
import { loadSeed } from '../../src/seed/load.js';
import { buildTestApp } from './app.js';
import { openTestDriver, resetDatabase } from './neo4j.js';

/**
 * Shared by tests/api/reference-*.test.ts: a freshly seeded graph behind the real app, and the raw
 * reference data (seed/sources/, copied from the official sources with provenance) that expectations are computed from, never from the seed
 * files or the API's own output.
 */
const referenceDir = fileURLToPath(new URL('../../seed/sources/', import.meta.url));
export const ref = <T = any>(file: string): T => JSON.parse(readFileSync(path.join(referenceDir, file), 'utf8')) as T;

export interface RefFacilitators {
  lead: string[];
  co: string[];
  note?: string;
}
export interface RefLine {
  id: string;
  title: string;
  facilitators: RefFacilitators;
  sub_lines?: RefLine[];
}
export const refLines: RefLine[] = ref('wsis-action-lines.json').action_lines;
export const allRefLines: RefLine[] = refLines.flatMap((l) => [l, ...(l.sub_lines ?? [])]);
/** "APC (proposed 2006, non-UN)" → "APC" */
export const entityName = (n: string) => n.split(' (')[0]!;
/** Lines whose note says ITU is a 'partner' (C8, C9). */
export const partnerLines = allRefLines.filter((l) => /'partner'/.test(l.facilitators.note ?? ''));

export interface RefGoal {
  goal: number;
  short: string;
  title: string;
  kos_uri: string;
  targets: { id: string; title: string; kind: string; kos_uri: string }[];
}
export const refGoals: RefGoal[] = ref('sdg.json').goals;
export const refIndicators: { id: string; target: string; goal: number; title: string; status: string }[] =
  ref('sdg-indicators.json').indicators;

export interface RefUngis {
  members: { acronym: string; membership_confidence: string }[];
  candidates_unverified: { acronym: string; membership_confidence: string }[];
}
export const refUngis: RefUngis = ref('ungis-members.json');

export interface RefMatrixLink {
  action_line: string;
  sdg_targets: string[];
  goal_level_links: number[];
  goal_cells_without_target_or_rationale: number[];
}
export const refMatrix: RefMatrixLink[] = ref('wsis-sdg-matrix.json').links;

export interface RefCommitment {
  id: string;
  label: string | null;
  paragraph: number | null;
  letter: string | null;
  objective: number;
  section: string;
  sdgs: number[];
  /** How sure the transcription is: high means seen verbatim in an official page. */
  confidence: 'high' | 'medium' | 'low';
}
export const refGdc: {
  objectives: { id: number; title: string }[];
  sections: { id: string; title: string; objective: number | null }[];
  commitments: RefCommitment[];
} = ref('gdc-structure.json');
/** Commitments with a paragraph number (the unnumbered one cannot be cited, so it is not in the graph). */
export const numberedCommitments = refGdc.commitments.filter((c) => c.paragraph !== null);
export const byParagraph = (a: RefCommitment, b: RefCommitment) =>
  a.paragraph! - b.paragraph! || (a.letter ?? '').localeCompare(b.letter ?? '');

/** The WSIS+20 proposals' theme → action lines mapping (ROADMAP-CONTEXT.md), by GDC section. */
export const alignedLinesBySection: Record<string, string[]> = {
  s1: ['C2'], // connectivity
  s2: ['C4'], // skills
  s13: ['C10', 'C4'], // AI
  s8: ['C5'], // information integrity
  s9: ['C3', 'C5'], // data governance
  s10: ['C3', 'C5'],
  s11: ['C3', 'C5'],
  s12: ['C3', 'C5'],
};

/** Expected roadmap link counts per type, straight from the reference data (seed/sources/). */
const inSections = (sections: string[]) => numberedCommitments.filter((c) => sections.includes(c.section)).length;
export const expectedLinkCounts: Record<string, number> = {
  FACILITATES: allRefLines.flatMap((l) => [...l.facilitators.lead, ...l.facilitators.co]).length + partnerLines.length,
  RESPONSIBLE_FOR: 1, // the ITC action under 42(b), GDC-SOURCES.md
  ALIGNS_WITH: Object.entries(alignedLinesBySection).reduce(
    (n, [section, lines]) => n + inSections([section]) * lines.length,
    0,
  ),
  SUPPORTS: refMatrix.reduce(
    (n, l) => n + l.sdg_targets.length + l.goal_level_links.length + l.goal_cells_without_target_or_rationale.length,
    0,
  ),
  CONTRIBUTES_TO: numberedCommitments.reduce((n, c) => n + c.sdgs.length, 0),
};
export const expectedLinkTotal = Object.values(expectedLinkCounts).reduce((a, b) => a + b, 0);

/** Natural SDG target order within a goal: numbered targets by number, then lettered ones. */
export const targetOrder = (a: string, b: string) => {
  const [ga, sa] = a.split('.') as [string, string];
  const [gb, sb] = b.split('.') as [string, string];
  if (Number(ga) !== Number(gb)) return Number(ga) - Number(gb);
  const na = /^\d+$/.test(sa),
    nb = /^\d+$/.test(sb);
  if (na && nb) return Number(sa) - Number(sb);
  if (na !== nb) return na ? -1 : 1;
  return sa.localeCompare(sb);
};

/** resetDatabase → runMigrations → loadSeed, then the real app on that database. */
export async function seededApp(): Promise<{ app: FastifyInstance; driver: Driver }> {
  const driver = openTestDriver();
  await resetDatabase(driver);
  await runMigrations(driver);
  await loadSeed(driver);
  const app = await buildTestApp();
  return { app, driver };
}

/** GET that must answer 200 JSON; returns the parsed body. */
export async function getJson<T = any>(
  app: FastifyInstance,
  url: string,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await app.inject({ method: 'GET', url, headers });
  if (response.statusCode !== 200) throw new Error(`GET ${url} → ${response.statusCode}: ${response.body}`);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.json() as T;
}

/** The list at `url` read page by page (pages of `size`), concatenated. */
export async function readAllPages<T = any>(
  app: FastifyInstance,
  url: string,
  size: number,
): Promise<{ items: T[]; totals: number[] }> {
  const items: T[] = [];
  const totals: number[] = [];
  const sep = url.includes('?') ? '&' : '?';
  for (let offset = 0; ; offset += size) {
    const page = await getJson<{ data: T[]; meta: { total: number; limit: number; offset: number } }>(
      app,
      `${url}${sep}limit=${size}&offset=${offset}`,
    );
    expect(page.meta.limit).toBe(size);
    expect(page.meta.offset).toBe(offset);
    totals.push(page.meta.total);
    items.push(...page.data);
    if (page.data.length < size) break;
  }
  return { items, totals };
}

/** A conditional GET round: 200 with an ETag, then the same request with If-None-Match is a 304 without body. */
export async function expectNotModifiedRound(app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  const first = await app.inject({ method: 'GET', url, headers });
  expect(first.statusCode).toBe(200);
  const etag = first.headers.etag as string;
  expect(etag).toMatch(/^"r\d+/);
  expect(first.headers['cache-control']).toBe('no-cache');
  const second = await app.inject({ method: 'GET', url, headers: { ...headers, 'if-none-match': etag } });
  expect(second.statusCode).toBe(304);
  expect(second.body).toBe('');
  expect(second.headers.etag).toBe(etag);
  const stale = await app.inject({ method: 'GET', url, headers: { ...headers, 'if-none-match': '"r999999"' } });
  expect(stale.statusCode).toBe(200);
  return etag;
}
