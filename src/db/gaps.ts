import type { ManagedTransaction } from 'neo4j-driver';
import { ACTIVE_STATUSES, type AnyGap, gapQueryParams, gapRowToItem, isoToday } from '../domain/gaps.js';
import type { Language } from '../lib/i18n/languages.js';
import { type GapKind, gapKinds } from '../schemas/gaps.js';
import { run } from './db.js';

/**
 * How many items each of `kinds` has in total: cypher/gaps/count/<kind>.cypher, one count per kind
 * asked for (a page of one kind scans only that kind), no lists built. Shared by the gaps
 * repository and the roadmap gauges.
 */
export async function readGapCounts(
  tx: ManagedTransaction,
  kinds: readonly GapKind[],
  today: string = isoToday(),
): Promise<Record<string, number>> {
  // Sent together: the driver pipelines them in the transaction (one round trip, not one per kind);
  // each answers a single row, so every count is complete before the next query starts.
  const totals = await Promise.all(
    kinds.map((kind) => run<{ total: number }>(tx, `gaps/count/${kind}`, { active: ACTIVE_STATUSES, today })),
  );
  return Object.fromEntries(kinds.map((kind, i) => [kind, Number(totals[i]![0]?.total ?? 0)]));
}

/** Every item of every kind, unpaged (the annual report lists them all). */
export async function readAllGaps(
  tx: ManagedTransaction,
  language: Language = 'en',
  today: string = isoToday(),
): Promise<Record<GapKind, AnyGap[]>> {
  const all = {} as Record<GapKind, AnyGap[]>;
  for (const kind of gapKinds) {
    const rows = await run(tx, `gaps/${kind}`, gapQueryParams({ limit: null, offset: 0 }, language, today));
    all[kind] = rows.map((row) => gapRowToItem[kind](row));
  }
  return all;
}
