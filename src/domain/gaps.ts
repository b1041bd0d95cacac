import { type ColumnKey, columnKeys, type ExportHeaders, headerOf } from '../lib/i18n/column-labels/index.js';
import type { Language } from '../lib/i18n/languages.js';
import { pageParams } from '../lib/paging.js';
import type { EntityWorkload, GapItem, GapKind, GapPair } from '../schemas/gaps.js';

/** Today as an ISO date (UTC): "activities-past-due" is judged on the day, not only on the revision. */
export const isoToday = (): string => new Date().toISOString().slice(0, 10);

/** Links that count: retired links never close a gap. */
export const ACTIVE_STATUSES = ['proposed', 'endorsed'];

type GapOf<K extends GapKind> = K extends 'aligned-pairs-without-shared-entity'
  ? GapPair
  : K extends 'entity-workload'
    ? EntityWorkload
    : GapItem;
export type AnyGap = GapItem | GapPair | EntityWorkload;

const list = (ids: string[]) => (ids.length ? ids.join(', ') : 'none');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const num = (v: unknown) => Number(v);
const strings = (v: unknown) => v as string[];

/**
 * Each gap kind: its query (cypher/gaps/<kind>.cypher, one row per item, natural order, paged by
 * $offset/$limit) and how a row becomes an item whose `reason` says why it is listed.
 */
export const gapRowToItem: { [K in GapKind]: (row: Record<string, unknown>) => GapOf<K> } = {
  'commitments-without-action-line': (c) => ({
    id: String(c.id),
    label: String(c.label),
    reason:
      `No action line aligns with GDC commitment ${c.shortLabel} (objective ${c.objective})` +
      (strings(c.inactive).length ? `; only retired alignments: ${strings(c.inactive).join(', ')}.` : '.'),
  }),
  'commitments-without-responsible-entity': (c) => ({
    id: String(c.id),
    label: String(c.label),
    reason:
      `No UN entity is responsible for GDC commitment ${c.shortLabel} (objective ${c.objective})` +
      (strings(c.inactive).length ? `; only retired responsibilities: ${strings(c.inactive).join(', ')}.` : '.'),
  }),
  'action-lines-without-lead': (a) => ({
    id: String(a.id),
    label: String(a.label),
    reason:
      (strings(a.facilitators).length
        ? `${a.id} has no lead facilitator (other facilitators: ${strings(a.facilitators).join(', ')})`
        : `${a.id} has no facilitator at all`) +
      (strings(a.inactiveLeads).length ? `; retired lead: ${strings(a.inactiveLeads).join(', ')}.` : '.'),
  }),
  'sdg-targets-without-support': (t) => ({
    id: String(t.id),
    label: String(t.label),
    reason:
      `No action line supports SDG target ${t.id} directly` +
      (strings(t.goalSupporters).length
        ? `; goal ${t.goal} as a whole is supported by ${strings(t.goalSupporters).join(', ')}.`
        : '.'),
  }),
  'aligned-pairs-without-shared-entity': (p) => ({
    actionLine: String(p.actionLine),
    commitment: String(p.commitment),
    label: `${p.actionLine} × ${p.commitmentLabel}`,
    reason:
      `${p.actionLine} aligns with ${p.commitmentLabel}, but no entity both facilitates ${p.actionLine} ` +
      `(facilitators: ${list(strings(p.facilitators))}) and is responsible for ${p.commitmentLabel} ` +
      `(responsible: ${list(strings(p.responsible))}).`,
  }),
  'entity-workload': (w) => {
    const [lead, co, partner, responsibilities] = [num(w.lead), num(w.co), num(w.partner), num(w.responsibilities)];
    return {
      id: String(w.id),
      label: String(w.label),
      lead,
      co,
      partner,
      responsibilities,
      reason:
        `Lead on ${plural(lead, 'action line')}, co-facilitator on ${co}, partner on ${partner}; ` +
        `responsible for ${plural(responsibilities, 'GDC commitment')}.`,
    };
  },
  'commitments-without-activity': (c) => ({
    id: String(c.id),
    label: String(c.label),
    reason: `No implementation activity serves GDC commitment ${c.id} (objective ${c.objective}).`,
  }),
  'activities-past-due': (a) => ({
    id: String(a.id),
    label: String(a.label),
    reason: `Due ${a.due} (ended before ${a.ended}), still ${a.status} on ${a.today}; led by ${a.lead}.`,
  }),
  'entities-not-reported': (e) => ({
    id: `${e.entity}@${num(e.year)}`,
    label: String(e.label),
    reason:
      `${e.entity} has not reported progress for ${num(e.year)} on ` +
      `${plural(strings(e.missing).length, 'activity', 'activities')} it leads: ${strings(e.missing).join(', ')}.`,
  }),
};

/**
 * The parameters of a gap kind's query: a page, or everything from `offset` when `limit` is null;
 * target labels in `language` (English where the graph has no translation).
 */
export function gapQueryParams(
  page: { limit: number | null; offset: number },
  language: Language = 'en',
  today: string = isoToday(),
) {
  const { offset, limit } = pageParams({ limit: page.limit ?? 0, offset: page.offset });
  return { active: ACTIVE_STATUSES, offset, limit: page.limit === null ? null : limit, language, today };
}

/**
 * CSV columns: `kind, id, label, reason` for every kind (a pair's id is `<line>|<commitment>`), so
 * one file can hold all kinds; a single kind adds its own fields (a pair's line and commitment, the
 * workload counts as numbers).
 */
export function gapCsvColumns(kind: GapKind | undefined, headers: ExportHeaders): { key: string; header: string }[] {
  const columns =
    kind === 'aligned-pairs-without-shared-entity'
      ? ['kind', 'id', 'actionLine', 'commitment', 'label', 'reason']
      : kind === 'entity-workload'
        ? ['kind', 'id', 'label', 'lead', 'co', 'partner', 'responsibilities', 'reason']
        : ['kind', 'id', 'label', 'reason'];
  // The shared columns are written in the chosen header language; a kind's own fields keep their keys.
  return columns.map((key) =>
    (columnKeys as readonly string[]).includes(key)
      ? { key, header: headerOf(key as ColumnKey, headers) }
      : { key, header: key },
  );
}

/** One CSV record of an item (extra fields are dropped by the columns chosen above). */
export function gapCsvRecord(kind: GapKind, item: AnyGap): Record<string, unknown> {
  if ('actionLine' in item) return { kind, id: `${item.actionLine}|${item.commitment}`, ...item };
  return { kind, ...item };
}
