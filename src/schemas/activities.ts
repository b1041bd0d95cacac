import { z } from 'zod';
import { activityIdSchema, activityStatusSchema, periodSchema } from '../domain/activities.js';
import {
  actionLineIdSchema,
  entityIdSchema,
  fromUrl,
  gdcCommitmentIdSchema,
  sdgTargetIdSchema,
  urlInteger,
} from '../domain/ids.js';
import { sourceSchema } from './common.js';
import { sourceInputSchema } from './writes.js';

/** Schemas of activities, their yearly progress and reporting cycles (one per concept). */

const text = (max: number) => z.string().trim().min(1).max(max).regex(/\S/, 'must not be blank');
const reason = text(1000).optional().describe('Why: recorded in the change log');
const instant = z.string().describe('UTC ISO 8601 time');

export { activityIdSchema };

export const indicatorSchema = z
  .strictObject({
    name: text(200).describe('What is measured; unique within the activity (progress actuals name it)'),
    unit: text(100).describe('e.g. "countries", "people trained", "%"'),
    baseline: z.number().finite().nullable().describe('Value at the start; null when unknown'),
    target: z.number().finite().describe('Value the activity aims for by its due period'),
  })
  .meta({ id: 'Indicator' });

const ids = <T extends z.ZodType<string>>(id: T, what: string) => z.array(id).max(200).describe(what);

const activityFields = {
  title: text(300),
  description: text(5000).nullable(),
  lead: entityIdSchema.describe('The entity that leads the activity'),
  partners: ids(entityIdSchema, 'Partner entities (not the lead)'),
  actionLines: ids(actionLineIdSchema, 'WSIS action lines it serves'),
  commitments: ids(gdcCommitmentIdSchema, 'GDC commitments it serves'),
  targets: ids(sdgTargetIdSchema, 'SDG targets it serves'),
  start: periodSchema.describe('When it starts: a year or a quarter'),
  due: periodSchema.describe('When it is due: a year or a quarter, not before start'),
  status: activityStatusSchema,
  indicators: z.array(indicatorSchema).max(50).describe('Deliverables or indicators, with unit, baseline and target'),
};

const example = {
  title: 'Regional workshops on e-government service design',
  description: 'Four regional workshops for national e-government agencies.',
  lead: 'ITU',
  partners: ['UNDP'],
  actionLines: ['C7.e-government'],
  commitments: ['11a'],
  targets: ['16.6'],
  start: '2026',
  due: '2027-Q2',
  status: 'planned',
  indicators: [{ name: 'Agencies trained', unit: 'agencies', baseline: 0, target: 40 }],
  source: {
    document: 'ITU implementation road map for C7, 2026–2027',
    locator: 'section 3',
    url: 'https://www.itu.int/',
  },
  reason: 'Road map submitted by the facilitator',
};

export const activityCreateSchema = z
  .strictObject({
    ...activityFields,
    description: activityFields.description.optional(),
    partners: activityFields.partners.optional(),
    actionLines: activityFields.actionLines.optional(),
    commitments: activityFields.commitments.optional(),
    targets: activityFields.targets.optional(),
    status: activityStatusSchema.optional().describe('planned when omitted'),
    indicators: activityFields.indicators.optional(),
    source: sourceInputSchema.describe('Where the activity is recorded (required: nothing is invented)'),
    reason,
  })
  .meta({ id: 'ActivityCreate', example });

export const activityPatchSchema = z
  .strictObject({
    title: activityFields.title.optional(),
    description: activityFields.description.optional(),
    lead: activityFields.lead.optional(),
    partners: activityFields.partners.optional(),
    actionLines: activityFields.actionLines.optional(),
    commitments: activityFields.commitments.optional(),
    targets: activityFields.targets.optional(),
    start: activityFields.start.optional(),
    due: activityFields.due.optional(),
    status: activityStatusSchema.optional(),
    indicators: activityFields.indicators.optional(),
    source: sourceInputSchema.optional(),
    reason,
  })
  .meta({
    id: 'ActivityPatch',
    description: 'Only the fields sent change; lists (partners, action lines, …, indicators) are replaced whole.',
    example: { status: 'in-progress', reason: 'Started in January' },
  });

export const activitySchema = z
  .object({
    id: activityIdSchema,
    ...activityFields,
    source: sourceSchema,
    createdAt: instant.nullable(),
    createdBy: z.string().nullable(),
    updatedAt: instant.nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'Activity' });
export type Activity = z.infer<typeof activitySchema>;

/** How item pages (action line, commitment, target, entity) show the activities touching them. */
export const activitySummarySchema = z
  .object({
    id: activityIdSchema,
    title: z.string(),
    lead: z.string(),
    status: activityStatusSchema,
    start: z.string(),
    due: z.string(),
  })
  .meta({ id: 'ActivitySummary' });

export const activityListQuery = z.strictObject({
  lead: entityIdSchema.optional().describe('Only activities this entity leads'),
  entity: entityIdSchema.optional().describe('Only activities this entity leads or is a partner in'),
  actionLine: actionLineIdSchema.optional(),
  commitment: gdcCommitmentIdSchema.optional(),
  target: sdgTargetIdSchema.optional(),
  status: activityStatusSchema.optional(),
});

// ---- yearly progress ----

export const reportingYearSchema = z.number().int().min(2000).max(2099);
export const reportingYearParam = fromUrl(urlInteger({ min: 2000, max: 2099 })).describe('Reporting year, e.g. 2026');

export const actualSchema = z
  .strictObject({
    indicator: text(200).describe("The indicator's name, as on the activity"),
    value: z.number().finite(),
  })
  .meta({ id: 'IndicatorActual' });

export const progressPutSchema = z
  .strictObject({
    status: activityStatusSchema.describe("The activity's status as of this report (also set on the activity)"),
    narrative: text(10000).describe('What was done this year'),
    actuals: z.array(actualSchema).max(50).optional().describe('Indicator values reached by the end of the year'),
    evidence: z
      .array(z.url({ protocol: /^https?$/ }).max(2000))
      .max(50)
      .optional()
      .describe('Where the evidence can be read'),
    reason,
  })
  .meta({
    id: 'ProgressReport',
    example: {
      status: 'in-progress',
      narrative: 'Two of four workshops held (Addis Ababa, Bangkok).',
      actuals: [{ indicator: 'Agencies trained', value: 18 }],
      evidence: ['https://www.itu.int/'],
    },
  });

export const progressSchema = z
  .object({
    activityId: activityIdSchema,
    year: reportingYearSchema,
    status: activityStatusSchema,
    narrative: z.string(),
    actuals: z.array(z.object({ indicator: z.string(), value: z.number() })),
    evidence: z.array(z.string()),
    submittedBy: z.string(),
    submittedAt: instant,
  })
  .meta({ id: 'Progress' });
export type Progress = z.infer<typeof progressSchema>;

// ---- reporting cycles ----

export const cycleStatusSchema = z.enum(['open', 'closed']);
export const cycleSchema = z
  .object({
    year: reportingYearSchema,
    status: cycleStatusSchema,
    openedAt: instant,
    openedBy: z.string(),
    closedAt: instant.nullable(),
    closedBy: z.string().nullable(),
  })
  .meta({ id: 'ReportingCycle' });
export type Cycle = z.infer<typeof cycleSchema>;

export const cycleOpenSchema = z
  .strictObject({ year: reportingYearSchema, reason })
  .meta({ id: 'ReportingCycleOpen', example: { year: 2026 } });
export const cycleCloseSchema = z
  .strictObject({ reason })
  .meta({ id: 'ReportingCycleClose', example: { reason: 'Reports for the year are in' } })
  .nullish();
