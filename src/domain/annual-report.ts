import type { Activity, Cycle, Progress } from '../schemas/activities.js';
import type { GapItem } from '../schemas/gaps.js';
import type { AnnualReport, ReportActivity, SummaryFigure } from '../schemas/reports.js';
import type { Version } from '../schemas/versions.js';
import { activityStatuses, periodPattern } from './activities.js';

/**
 * The annual report, compiled (pure, no I/O) from what the database returned: per GDC objective
 * and per action line, who is responsible, which activities serve it with their progress for the
 * year, indicator actuals against targets, the open gaps and what changed since the last endorsed
 * version. The summary figures are computed here once; every format prints these same numbers.
 */

export interface ReportFrame {
  objectives: {
    id: number;
    title: string;
    commitments: {
      id: string;
      label: string;
      responsible: { entityId: string; role: string }[];
      actionLines: string[];
    }[];
  }[];
  actionLines: { id: string; title: string; facilitators: { entityId: string; role: string }[] }[];
}

export interface ReportInputs {
  year: number;
  revision: number;
  frame: ReportFrame;
  activities: Activity[];
  progress: Progress[];
  cycle: Cycle | undefined;
  gaps: Record<string, GapItem[]>;
  since: Version | null;
  diff: AnnualReport['changes']['diff'];
}

const yearOf = (period: string) => Number(periodPattern.exec(period)?.[1]);

/** Activities the report covers: running in the year, or reported on for it. */
function runsIn(activity: Activity, year: number, reported: Set<string>): boolean {
  return reported.has(activity.id) || (yearOf(activity.start) <= year && year <= yearOf(activity.due));
}

function reportActivity(activity: Activity, progress: Progress | undefined): ReportActivity {
  const actual = new Map((progress?.actuals ?? []).map((a) => [a.indicator, a.value]));
  return {
    id: activity.id,
    title: activity.title,
    lead: activity.lead,
    partners: activity.partners,
    start: activity.start,
    due: activity.due,
    status: activity.status,
    progress: progress
      ? {
          status: progress.status,
          narrative: progress.narrative,
          evidence: progress.evidence,
          submittedBy: progress.submittedBy,
          submittedAt: progress.submittedAt,
        }
      : null,
    indicators: activity.indicators.map((i) => {
      const value = actual.get(i.name) ?? null;
      return { ...i, actual: value, met: value === null ? null : value >= i.target };
    }),
  };
}

export function summaryFigures(report: Omit<AnnualReport, 'summary'>): SummaryFigure[] {
  const activities = report.activities;
  const indicators = activities.flatMap((a) => a.indicators);
  const changes = report.changes.diff
    ? report.changes.diff.links.added.length +
      report.changes.diff.links.removed.length +
      report.changes.diff.links.changed.length +
      report.changes.diff.nodes.added.length +
      report.changes.diff.nodes.changed.length
    : 0;
  return [
    { key: 'activities', label: 'Activities in the year', value: activities.length },
    ...activityStatuses.map((status) => ({
      key: `status-${status}`,
      label: `… ${status}`,
      value: activities.filter((a) => a.status === status).length,
    })),
    {
      key: 'reported',
      label: `Activities with a progress report for ${report.year}`,
      value: activities.filter((a) => a.progress !== null).length,
    },
    { key: 'indicators', label: 'Indicators', value: indicators.length },
    {
      key: 'indicators-reported',
      label: 'Indicators with an actual',
      value: indicators.filter((i) => i.actual !== null).length,
    },
    { key: 'indicators-met', label: 'Indicators at or above target', value: indicators.filter((i) => i.met).length },
    { key: 'gaps', label: 'Open gaps', value: Object.values(report.gaps).reduce((n, items) => n + items.length, 0) },
    { key: 'changes', label: 'Changes since the last endorsed version', value: changes },
  ];
}

export function compileAnnualReport(input: ReportInputs): AnnualReport {
  const progressOf = new Map(input.progress.map((p) => [p.activityId, p]));
  const covered = input.activities.filter((a) => runsIn(a, input.year, new Set(progressOf.keys())));
  const serving = (pick: (a: Activity) => string[], id: string) =>
    covered.filter((a) => pick(a).includes(id)).map((a) => a.id);
  const body: Omit<AnnualReport, 'summary'> = {
    year: input.year,
    revision: input.revision,
    cycle: input.cycle ? { status: input.cycle.status, closedAt: input.cycle.closedAt } : null,
    objectives: input.frame.objectives.map((o) => ({
      ...o,
      commitments: o.commitments.map((c) => ({ ...c, activities: serving((a) => a.commitments, c.id) })),
    })),
    actionLines: input.frame.actionLines.map((l) => ({ ...l, activities: serving((a) => a.actionLines, l.id) })),
    activities: covered.map((a) => reportActivity(a, progressOf.get(a.id))),
    gaps: input.gaps,
    changes: { since: input.since, diff: input.diff },
  };
  return { ...body, summary: summaryFigures(body) };
}
