import { z } from 'zod';
import type { Activity } from '../schemas/activities.js';

/**
 * Implementation activities: the result-oriented road maps of A/RES/80/173 ¶113. An activity is
 * led by one entity, may have partner entities, serves action lines, GDC commitments and SDG
 * targets, runs from a start to a due period (a year or a quarter), and measures itself with
 * indicators (unit, baseline, target). Its progress is reported once per reporting year.
 * Pure rules here (no I/O): periods, the stored form, who may touch an activity.
 */

export const activityStatuses = ['planned', 'in-progress', 'completed', 'delayed', 'cancelled'] as const;
export const activityStatusSchema = z.enum(activityStatuses).meta({ id: 'ActivityStatus' });
export type ActivityStatus = z.infer<typeof activityStatusSchema>;

/** Activity ids are assigned by the service: A1, A2, … */
export const activityIdPattern = /^A[1-9]\d{0,8}$/;
export const activityIdSchema = z.string().regex(activityIdPattern, 'must be an activity id such as A1');

/** A period: a year ("2026") or a quarter ("2026-Q3"). */
export const periodPattern = /^(20\d\d)(?:-Q([1-4]))?$/;
export const periodSchema = z
  .string()
  .regex(periodPattern, 'must be a year such as 2026 or a quarter such as 2026-Q3')
  .meta({ id: 'Period', example: '2026-Q3' });

/** The first day after a period ends (ISO date): a period is over when today is on or after it. */
export function periodEnd(period: string): string {
  const match = periodPattern.exec(period);
  if (!match) throw new Error(`not a period: ${period}`);
  const year = Number(match[1]);
  const quarter = match[2] === undefined ? 4 : Number(match[2]);
  const month = quarter * 3; // first month after the period, 1-based: Q1 → April (4)
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** The first day of a period (ISO date), for ordering a start before a due period. */
export function periodStart(period: string): string {
  const match = periodPattern.exec(period);
  if (!match) throw new Error(`not a period: ${period}`);
  const quarter = match[2] === undefined ? 1 : Number(match[2]);
  return `${match[1]}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
}

export interface Indicator {
  name: string;
  unit: string;
  baseline: number | null;
  target: number;
}

/** An activity as the API shows it and the change log records it. */
export interface ActivityView {
  id: string;
  title: string;
  description: string | null;
  lead: string;
  partners: string[];
  actionLines: string[];
  commitments: string[];
  targets: string[];
  start: string;
  due: string;
  status: ActivityStatus;
  indicators: Indicator[];
  source: { document: string; locator: string; url: string | null };
}

/** An activity's stored properties (Neo4j properties cannot be maps: indicators as JSON, source flat). */
export function storedActivityProps(view: ActivityView): Record<string, unknown> {
  return {
    id: view.id,
    title: view.title,
    description: view.description,
    start: view.start,
    due: view.due,
    status: view.status,
    indicatorsJson: JSON.stringify(view.indicators),
    sourceDocument: view.source.document,
    sourceLocator: view.source.locator,
    sourceUrl: view.source.url,
  };
}

/** Everything an activity links to, as the write Cypher takes it. */
export function activityEnds(view: ActivityView) {
  return {
    lead: view.lead,
    partners: view.partners,
    actionLines: view.actionLines,
    commitments: view.commitments,
    targets: view.targets,
  };
}

/** Statuses under which an activity no longer needs to meet its due period. */
export const finishedStatuses: readonly ActivityStatus[] = ['completed', 'cancelled'];

/** True when the activity is past its due period and neither completed nor cancelled. */
export const isPastDue = (a: Pick<ActivityView, 'due' | 'status'>, today: string): boolean =>
  !finishedStatuses.includes(a.status) && today >= periodEnd(a.due);

/**
 * Whether a key may write an activity: any editor when the key is not tied to an entity; a key
 * scoped to an entity (its focal point) only when that entity leads the activity.
 */
export const mayWriteActivity = (scope: string | null | undefined, lead: string): boolean =>
  scope === null || scope === undefined || scope === lead;

export interface ActivityFieldError {
  path: string;
  message: string;
}

/** Rules across fields that a schema cannot say: due not before start, no repeats, lead not a partner. */
export function activityRuleErrors(view: ActivityView): ActivityFieldError[] {
  const errors: ActivityFieldError[] = [];
  if (periodStart(view.due) < periodStart(view.start)) {
    errors.push({ path: 'body.due', message: `must not be before start (${view.start})` });
  }
  const repeats = (list: string[], path: string) => {
    const seen = new Set<string>();
    list.forEach((value, i) => {
      if (seen.has(value)) errors.push({ path: `${path}.${i}`, message: `${value} is listed twice` });
      seen.add(value);
    });
  };
  repeats(view.partners, 'body.partners');
  repeats(view.actionLines, 'body.actionLines');
  repeats(view.commitments, 'body.commitments');
  repeats(view.targets, 'body.targets');
  repeats(
    view.indicators.map((i) => i.name),
    'body.indicators',
  );
  const leadAt = view.partners.indexOf(view.lead);
  if (leadAt >= 0) errors.push({ path: `body.partners.${leadAt}`, message: `${view.lead} is the lead, not a partner` });
  return errors;
}

/** Actuals must name indicators of the activity, each once. */
export function actualsErrors(indicators: Indicator[], actuals: { indicator: string }[]): ActivityFieldError[] {
  const names = new Set(indicators.map((i) => i.name));
  const seen = new Set<string>();
  const errors: ActivityFieldError[] = [];
  actuals.forEach((a, i) => {
    if (!names.has(a.indicator)) {
      const known = [...names].map((n) => `"${n}"`).join(', ') || 'none';
      errors.push({ path: `body.actuals.${i}.indicator`, message: `no indicator "${a.indicator}" (known: ${known})` });
    } else if (seen.has(a.indicator)) {
      errors.push({ path: `body.actuals.${i}.indicator`, message: `"${a.indicator}" is reported twice` });
    }
    seen.add(a.indicator);
  });
  return errors;
}

/**
 * Whether two states of an activity say the same: the graph keeps no order among an activity's
 * partners, action lines, commitments and targets, so a PATCH that only reorders them changes nothing.
 */
export function sameActivity(a: ActivityView, b: ActivityView): boolean {
  const asSets = (v: ActivityView) => ({
    ...v,
    partners: [...v.partners].sort(),
    actionLines: [...v.actionLines].sort(),
    commitments: [...v.commitments].sort(),
    targets: [...v.targets].sort(),
  });
  return JSON.stringify(asSets(a)) === JSON.stringify(asSets(b));
}

/** The activity as the change log records it: content only, without who/when stamps. */
export const viewOf = (a: Activity): ActivityView => ({
  id: a.id,
  title: a.title,
  description: a.description,
  lead: a.lead,
  partners: a.partners,
  actionLines: a.actionLines,
  commitments: a.commitments,
  targets: a.targets,
  start: a.start,
  due: a.due,
  status: a.status,
  indicators: a.indicators,
  source: { document: a.source.document, locator: a.source.locator, url: a.source.url },
});

/** The columns of the activity CSV and XLSX exports, in order (keys of src/lib/i18n/column-labels). */
export const activityCsvColumns = [
  'id',
  'title',
  'description',
  'status',
  'lead',
  'partners',
  'actionLines',
  'commitments',
  'targets',
  'start',
  'due',
  'indicators',
  'sourceDocument',
  'sourceLocator',
  'sourceUrl',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
] as const;

/**
 * Ids in one cell, in natural order (C3 before C10; the graph keeps no order of an activity's links, so
 * the file would otherwise depend on storage order), "; " between them (entity ids may hold spaces).
 */
const listCell = (ids: string[]) =>
  ids.length ? [...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).join('; ') : null;

/** An indicator in one cell: "Agencies trained [agencies] 0 → 40" (an unknown baseline is "?"). */
export const indicatorCell = (i: Indicator) => `${i.name} [${i.unit}] ${i.baseline ?? '?'} → ${i.target}`;

/** One activity as a flat export row: lists joined with "; ", the source split in three; null (empty) for none. */
export function activityCsvRow(a: Activity): Record<(typeof activityCsvColumns)[number], string | null> {
  return {
    id: a.id,
    title: a.title,
    description: a.description,
    status: a.status,
    lead: a.lead,
    partners: listCell(a.partners),
    actionLines: listCell(a.actionLines),
    commitments: listCell(a.commitments),
    targets: listCell(a.targets),
    start: a.start,
    due: a.due,
    indicators: a.indicators.length ? a.indicators.map(indicatorCell).join('; ') : null,
    sourceDocument: a.source.document,
    sourceLocator: a.source.locator,
    sourceUrl: a.source.url,
    createdAt: a.createdAt,
    createdBy: a.createdBy,
    updatedAt: a.updatedAt,
    updatedBy: a.updatedBy,
  };
}

/**
 * Activities after entity `merged` is merged into `survivor`: each role of `merged` passes to the
 * survivor (lead stays lead, partner stays partner); a survivor that was already a partner and
 * now leads is no longer listed as a partner, and a partner is listed once. Only the activities
 * that change are returned, with their state before and after.
 */
export function activitiesAfterMerge(
  views: ActivityView[],
  merged: string,
  survivor: string,
): { before: ActivityView; after: ActivityView }[] {
  return views
    .filter((v) => v.lead === merged || v.partners.includes(merged))
    .map((before) => {
      const lead = before.lead === merged ? survivor : before.lead;
      const partners = [...new Set(before.partners.map((p) => (p === merged ? survivor : p)))].filter(
        (p) => p !== lead,
      );
      return { before, after: { ...before, lead, partners } };
    });
}
