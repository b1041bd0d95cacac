import { z } from 'zod';
import { activityStatusSchema } from '../domain/activities.js';
import { gapItemSchema } from './gaps.js';
import { diffSchema, versionSchema } from './versions.js';

/** The annual report (GET /v1/reports/annual/{year}): one schema, shown as JSON, HTML, DOCX and XLSX. */

export const reportFormats = ['json', 'html', 'docx', 'xlsx'] as const;

const reportIndicatorSchema = z.object({
  name: z.string(),
  unit: z.string(),
  baseline: z.number().nullable(),
  target: z.number(),
  actual: z.number().nullable().describe('Reported for the year; null when not reported'),
  met: z.boolean().nullable().describe('actual ≥ target (null without an actual)'),
});

export const reportActivitySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    lead: z.string(),
    partners: z.array(z.string()),
    start: z.string(),
    due: z.string(),
    status: activityStatusSchema.describe('The status now (as of the report revision)'),
    progress: z
      .object({
        status: activityStatusSchema,
        narrative: z.string(),
        evidence: z.array(z.string()),
        submittedBy: z.string(),
        submittedAt: z.string(),
      })
      .nullable()
      .describe('The progress report for the year; null when none was submitted'),
    indicators: z.array(reportIndicatorSchema),
  })
  .meta({ id: 'ReportActivity' });
export type ReportActivity = z.infer<typeof reportActivitySchema>;

export const summaryFigureSchema = z
  .object({ key: z.string(), label: z.string(), value: z.number().int() })
  .meta({ id: 'ReportFigure' });
export type SummaryFigure = z.infer<typeof summaryFigureSchema>;

export const annualReportSchema = z
  .object({
    year: z.number().int(),
    revision: z.number().int().describe('The graph revision the report was compiled from'),
    cycle: z
      .object({ status: z.enum(['open', 'closed']), closedAt: z.string().nullable() })
      .nullable()
      .describe('The reporting cycle of the year (null: never opened)'),
    summary: z.array(summaryFigureSchema).describe('The headline figures; every format carries the same ones'),
    objectives: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        commitments: z.array(
          z.object({
            id: z.string(),
            label: z.string(),
            responsible: z.array(z.object({ entityId: z.string(), role: z.string() })),
            actionLines: z.array(z.string()),
            activities: z.array(z.string()).describe('Ids of the activities serving it (details under activities)'),
          }),
        ),
      }),
    ),
    actionLines: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        facilitators: z.array(z.object({ entityId: z.string(), role: z.string() })),
        activities: z.array(z.string()),
      }),
    ),
    activities: z
      .array(reportActivitySchema)
      .describe('Activities running in the year (start ≤ year ≤ due) or reported on for it'),
    gaps: z
      .record(z.string(), z.array(gapItemSchema))
      .describe('Open gaps (the gap kinds of /v1/gaps but the workload)'),
    changes: z.object({
      since: versionSchema.nullable().describe('The last endorsed version (null: none is endorsed)'),
      diff: diffSchema.nullable().describe('What changed since then (null: no endorsed version)'),
    }),
  })
  .meta({ id: 'AnnualReport' });
export type AnnualReport = z.infer<typeof annualReportSchema>;

export const annualReportQuery = z.strictObject({
  format: z.enum(reportFormats).optional().describe('json (default), html (printable), docx or xlsx; Accept works too'),
});
