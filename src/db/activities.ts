import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { type ActivityView, activityEnds, type Indicator, storedActivityProps } from '../domain/activities.js';
import { nodeKinds } from '../domain/nodes.js';
import type { Activity, Cycle, Progress } from '../schemas/activities.js';
import { run } from './db.js';

/** Activities, progress reports and reporting cycles in the graph (Cypher in cypher/activities/). */

type StoredActivity = Omit<Activity, 'indicators'> & { indicatorsJson: string | null };

const activityOf = (a: StoredActivity): Activity => {
  const { indicatorsJson, ...rest } = a;
  return {
    ...rest,
    description: rest.description ?? null,
    indicators: indicatorsJson ? (JSON.parse(indicatorsJson) as Indicator[]) : [],
    source: { ...rest.source, url: rest.source.url ?? null },
    createdAt: rest.createdAt ?? null,
    createdBy: rest.createdBy ?? null,
    updatedAt: rest.updatedAt ?? null,
    updatedBy: rest.updatedBy ?? null,
  };
};

export async function getActivity(tx: ManagedTransaction, id: string): Promise<Activity | undefined> {
  const [row] = await run<{ activity: StoredActivity }>(tx, nodeKinds.Activity.queries.detail, { id });
  return row ? activityOf(row.activity) : undefined;
}

export interface ActivityFilters {
  lead?: string | undefined;
  entity?: string | undefined;
  actionLine?: string | undefined;
  commitment?: string | undefined;
  target?: string | undefined;
  status?: string | undefined;
}

export async function listActivities(
  tx: ManagedTransaction,
  filters: ActivityFilters,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: Activity[] }> {
  const [row] = await run<{ total: number; items: StoredActivity[] }>(tx, nodeKinds.Activity.queries.list, {
    lead: filters.lead ?? null,
    entity: filters.entity ?? null,
    actionLine: filters.actionLine ?? null,
    commitment: filters.commitment ?? null,
    target: filters.target ?? null,
    status: filters.status ?? null,
    offset: neo4j.int(page.offset),
    end: neo4j.int(page.offset + page.limit),
  });
  return { total: Number(row?.total ?? 0), items: (row?.items ?? []).map(activityOf) };
}

export async function nextActivityId(tx: ManagedTransaction): Promise<string> {
  const [row] = await run<{ next: number }>(tx, 'activities/next-id');
  return `A${Number(row?.next ?? 1)}`;
}

/** Writes activities whole (properties and links); `stamp` is who/when, kept out of the change log. */
export async function putActivities(
  tx: ManagedTransaction,
  items: { view: ActivityView; stamp: Record<string, string> }[],
): Promise<void> {
  if (items.length === 0) return;
  await run(tx, 'activities/put', {
    activities: items.map((i) => ({ props: storedActivityProps(i.view), stamp: i.stamp, ends: activityEnds(i.view) })),
  });
}

export async function removeActivities(tx: ManagedTransaction, ids: string[]): Promise<void> {
  if (ids.length) await run(tx, 'activities/remove', { ids });
}

// ---- progress ----

export type StoredProgress = Omit<Progress, 'actuals'> & { actualsJson: string };

export const progressOf = (p: StoredProgress): Progress => {
  const { actualsJson, ...rest } = p;
  return { ...rest, year: Number(rest.year), evidence: rest.evidence ?? [], actuals: JSON.parse(actualsJson) };
};

export async function getProgress(tx: ManagedTransaction, activityId: string, year: number) {
  const [row] = await run<{ progress: StoredProgress }>(tx, 'activities/progress-get', {
    id: `${activityId}/${year}`,
  });
  return row ? progressOf(row.progress) : undefined;
}

export async function listProgress(tx: ManagedTransaction, activityId: string): Promise<Progress[]> {
  const rows = await run<{ progress: StoredProgress }>(tx, 'activities/progress-list', { activityId });
  return rows.map((r) => progressOf(r.progress));
}

export async function putProgress(tx: ManagedTransaction, progress: Progress): Promise<void> {
  const { actuals, ...rest } = progress;
  await run(tx, 'activities/progress-put', {
    props: {
      ...rest,
      year: neo4j.int(progress.year),
      id: `${progress.activityId}/${progress.year}`,
      actualsJson: JSON.stringify(actuals),
    },
  });
}

// ---- reporting cycles ----

const cycleOf = (c: Cycle): Cycle => ({
  ...c,
  year: Number(c.year),
  closedAt: c.closedAt ?? null,
  closedBy: c.closedBy ?? null,
});

export async function getCycle(tx: ManagedTransaction, year: number): Promise<Cycle | undefined> {
  const [row] = await run<{ cycle: Cycle }>(tx, 'activities/cycle-get', { year: neo4j.int(year) });
  return row ? cycleOf(row.cycle) : undefined;
}

export async function listCycles(tx: ManagedTransaction): Promise<Cycle[]> {
  return (await run<{ cycle: Cycle }>(tx, 'activities/cycle-list')).map((r) => cycleOf(r.cycle));
}

export async function putCycle(tx: ManagedTransaction, cycle: Cycle): Promise<void> {
  await run(tx, 'activities/cycle-put', { props: { ...cycle, year: neo4j.int(cycle.year) } });
}
