import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { ReportFrame } from '../domain/annual-report.js';
import { diffOf } from '../domain/time-travel.js';
import type { AnnualReport } from '../schemas/reports.js';
import type { Version } from '../schemas/versions.js';
import { getCycle, listActivities, progressOf, type StoredProgress } from './activities.js';
import { run } from './db.js';
import { changesBetween } from './time-travel.js';
import { versionOf } from './versions.js';

/** What the annual report is compiled from, read in the caller's (consistent) transaction. */

const ACTIVE = ['proposed', 'endorsed'];

export async function readReportFrame(tx: ManagedTransaction): Promise<ReportFrame> {
  const [row] = await run<ReportFrame & Record<string, unknown>>(tx, 'reports/annual-frame', { active: ACTIVE });
  return { objectives: row!.objectives.map((o) => ({ ...o, id: Number(o.id) })), actionLines: row!.actionLines };
}

export async function readYearInputs(tx: ManagedTransaction, year: number) {
  const activities = (await listActivities(tx, {}, { limit: 100_000, offset: 0 })).items;
  const progress = (
    await run<{ progress: StoredProgress }>(tx, 'reports/progress-of-year', { year: neo4j.int(year) })
  ).map((r) => progressOf(r.progress));
  return { activities, progress, cycle: await getCycle(tx, year) };
}

/** The last endorsed version at or before `revision`, and the diff from it to `revision`. */
export async function changesSinceEndorsed(
  tx: ManagedTransaction,
  revision: number,
): Promise<{ since: Version | null; diff: AnnualReport['changes']['diff'] }> {
  const [row] = await run<{ version: Parameters<typeof versionOf>[0] }>(tx, 'reports/last-endorsed-version', {
    revision,
  });
  if (!row) return { since: null, diff: null };
  const since = versionOf(row.version);
  const diff = diffOf(await changesBetween(tx, since.revision, revision));
  return {
    since,
    diff: { from: { revision: since.revision, version: since.id }, to: { revision, version: null }, ...diff },
  };
}
