import type { ManagedTransaction } from 'neo4j-driver';
import { run } from '../../../db/db.js';
import type { Language } from '../../../lib/i18n/languages.js';
import type { EntityWorkload, GapItem, GapKind, GapPair, Gaps } from '../../../schemas/gaps.js';

/** Links that count: retired links never close a gap. */
export const ACTIVE_STATUSES = ['proposed', 'endorsed'];

interface GapsRow {
  commitmentsWithoutLine: { id: string; label: string; shortLabel: string; objective: string; inactive: string[] }[];
  commitmentsWithoutEntity: { id: string; label: string; shortLabel: string; objective: string; inactive: string[] }[];
  linesWithoutLead: { id: string; label: string; facilitators: string[]; inactiveLeads: string[] }[];
  targetsWithoutSupport: { id: string; label: string; goal: string; goalSupporters: string[] }[];
  pairsWithoutSharedEntity: {
    actionLine: string;
    commitment: string;
    commitmentLabel: string;
    facilitators: string[];
    responsible: string[];
  }[];
  workload: Omit<EntityWorkload, 'reason'>[];
  revision: number;
}

export type AllGaps = Required<Gaps>;

const list = (ids: string[]) => (ids.length ? ids.join(', ') : 'none');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Runs cypher/gaps/all.cypher (ONE round trip) in the caller's read transaction and words each
 * item's reason. `cacheable` is false when a write committed while the query ran.
 */
export async function computeGaps(
  tx: ManagedTransaction,
  revision: number,
  language: Language = 'en',
): Promise<{ gaps: AllGaps; cacheable: boolean }> {
  const [row] = await run<GapsRow & Record<string, unknown>>(tx, 'gaps/all', { active: ACTIVE_STATUSES, language });
  if (!row) throw new Error('gaps/all returned no row');

  const commitmentsWithoutLine: GapItem[] = row.commitmentsWithoutLine.map((c) => ({
    id: c.id,
    label: c.label,
    reason:
      `No action line aligns with GDC commitment ${c.shortLabel} (objective ${c.objective})` +
      (c.inactive.length ? `; only retired alignments: ${c.inactive.join(', ')}.` : '.'),
  }));
  const commitmentsWithoutEntity: GapItem[] = row.commitmentsWithoutEntity.map((c) => ({
    id: c.id,
    label: c.label,
    reason:
      `No UN entity is responsible for GDC commitment ${c.shortLabel} (objective ${c.objective})` +
      (c.inactive.length ? `; only retired responsibilities: ${c.inactive.join(', ')}.` : '.'),
  }));
  const linesWithoutLead: GapItem[] = row.linesWithoutLead.map((a) => ({
    id: a.id,
    label: a.label,
    reason:
      (a.facilitators.length
        ? `${a.id} has no lead facilitator (other facilitators: ${a.facilitators.join(', ')})`
        : `${a.id} has no facilitator at all`) +
      (a.inactiveLeads.length ? `; retired lead: ${a.inactiveLeads.join(', ')}.` : '.'),
  }));
  const targetsWithoutSupport: GapItem[] = row.targetsWithoutSupport.map((t) => ({
    id: t.id,
    label: t.label,
    reason:
      `No action line supports SDG target ${t.id} directly` +
      (t.goalSupporters.length ? `; goal ${t.goal} as a whole is supported by ${t.goalSupporters.join(', ')}.` : '.'),
  }));
  const pairs: GapPair[] = row.pairsWithoutSharedEntity.map((p) => ({
    actionLine: p.actionLine,
    commitment: p.commitment,
    label: `${p.actionLine} × ${p.commitmentLabel}`,
    reason:
      `${p.actionLine} aligns with ${p.commitmentLabel}, but no entity both facilitates ${p.actionLine} ` +
      `(facilitators: ${list(p.facilitators)}) and is responsible for ${p.commitmentLabel} (responsible: ${list(p.responsible)}).`,
  }));
  const load = (w: Omit<EntityWorkload, 'reason'>) => w.lead + w.co + w.partner + w.responsibilities;
  const workload: EntityWorkload[] = [...row.workload]
    .sort((a, b) => load(b) - load(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((w) => ({
      ...w,
      reason:
        `Lead on ${plural(w.lead, 'action line')}, co-facilitator on ${w.co}, partner on ${w.partner}; ` +
        `responsible for ${plural(w.responsibilities, 'GDC commitment')}.`,
    }));

  const gaps: AllGaps = {
    'commitments-without-action-line': commitmentsWithoutLine,
    'commitments-without-responsible-entity': commitmentsWithoutEntity,
    'action-lines-without-lead': linesWithoutLead,
    'sdg-targets-without-support': targetsWithoutSupport,
    'aligned-pairs-without-shared-entity': pairs,
    'entity-workload': workload,
  };
  return { gaps, cacheable: row.revision === revision };
}

/** Flat CSV rows (kind, id, label, reason) for the selected kinds. */
export function gapCsvRows(gaps: Gaps, kinds: GapKind[]): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const kind of kinds) {
    for (const item of gaps[kind] ?? []) {
      if ('actionLine' in item)
        out.push({ kind, id: `${item.actionLine}|${item.commitment}`, label: item.label, reason: item.reason });
      else out.push({ kind, id: item.id, label: item.label, reason: item.reason });
    }
  }
  return out;
}
