import { activitySummarySchema } from './activities.js';
import { z } from 'zod';
import { sdgIndicatorStatusSchema, sdgTargetKindSchema } from '../domain/enums.js';
import { fromUrl, sdgIndicatorIdSchema, sdgNumberSchema, sdgTargetIdSchema, urlInteger } from '../domain/ids.js';
import { linkStatusSchema, sourceSchema } from './common.js';

/** SDGs are numbered 1–17; in the API the id is that integer (stored as "1".."17"). */
export const sdgIdParam = fromUrl(urlInteger({ min: 1 })).describe('SDG number (1–17)');
export const sdgFilter = sdgNumberSchema.describe('SDG number (1–17)');

export const sdgTargetIdParam = sdgTargetIdSchema.describe('Goal number, dot, target number or letter: 5.b');

export const sdgIndicatorIdParam = sdgIndicatorIdSchema.describe('Target id, dot, indicator number: 5.b.1');

const agenda2030 = 'Transforming our world: the 2030 Agenda for Sustainable Development (A/RES/70/1)';

export const sdgSchema = z
  .object({
    id: z.number().int().describe('Goal number, 1–17'),
    title: z.string(),
    shortTitle: z.string().describe('The UN SDG icon label'),
    uri: z.string().describe('UN KOS IRI (http://metadata.un.org/sdg/<n>)'),
    source: sourceSchema,
  })
  .meta({
    id: 'Sdg',
    example: {
      id: 5,
      title: 'Achieve gender equality and empower all women and girls',
      shortTitle: 'Gender equality',
      uri: 'http://metadata.un.org/sdg/5',
      source: { document: agenda2030, locator: 'Goal 5', url: 'http://metadata.un.org/sdg/5' },
    },
  });

const targetExample = {
  id: '5.b',
  goal: 5,
  title:
    'Enhance the use of enabling technology, in particular information and communications technology, to promote the empowerment of women',
  kind: 'means-of-implementation',
  uri: 'http://metadata.un.org/sdg/5.b',
  source: { document: agenda2030, locator: 'Target 5.b', url: 'http://metadata.un.org/sdg/5.b' },
};

export const sdgTargetSchema = z
  .object({
    id: z.string(),
    goal: z.number().int().describe('Goal number, 1–17'),
    title: z.string(),
    kind: sdgTargetKindSchema.describe('Numbered targets are outcomes, lettered ones means of implementation'),
    uri: z.string().describe('UN KOS IRI (http://metadata.un.org/sdg/<id>)'),
    source: sourceSchema,
  })
  .meta({ id: 'SdgTarget', example: targetExample });

export const sdgDetailSchema = sdgSchema
  .extend({ targets: z.array(sdgTargetSchema).describe('Its targets: numbered ones first, then lettered') })
  .meta({
    id: 'SdgDetail',
    example: {
      id: 5,
      title: 'Achieve gender equality and empower all women and girls',
      shortTitle: 'Gender equality',
      uri: 'http://metadata.un.org/sdg/5',
      source: { document: agenda2030, locator: 'Goal 5', url: 'http://metadata.un.org/sdg/5' },
      targets: [targetExample],
    },
  });

const indicatorStatusSchema = sdgIndicatorStatusSchema.describe(
  'obsolete: an id deleted or renumbered in the 2020 review, kept visible but flagged',
);

const matrixSource = {
  document: 'WSIS–SDG Matrix (UN WSIS Action Line Facilitators, ITU, 2015)',
  locator: 'C4 → target 5.b',
  url: 'https://www.itu.int/net4/wsis/sdg/',
};

export const sdgTargetDetailSchema = sdgTargetSchema
  .extend({
    activities: z.array(activitySummarySchema).describe('Implementation activities serving it, in id order'),
    indicators: z
      .array(z.object({ id: z.string(), title: z.string(), status: indicatorStatusSchema }))
      .describe('Indicators measuring this target'),
    actionLines: z
      .array(
        z.object({
          actionLineId: z.string(),
          status: linkStatusSchema,
          source: sourceSchema,
          rationale: z.string().nullable(),
        }),
      )
      .describe('Action lines with a SUPPORTS link to this target (goal-level links are on /v1/links?to=<goal>)'),
  })
  .meta({
    id: 'SdgTargetDetail',
    example: {
      activities: [],
      ...targetExample,
      indicators: [
        { id: '5.b.1', title: 'Proportion of individuals who own a mobile telephone, by sex', status: 'current' },
      ],
      actionLines: [{ actionLineId: 'C4', status: 'endorsed', source: matrixSource, rationale: null }],
    },
  });

export const sdgIndicatorSchema = z
  .object({
    id: z.string(),
    target: z.string().describe('The target it measures'),
    goal: z.number().int().describe('Goal number, 1–17'),
    title: z.string(),
    status: indicatorStatusSchema,
    source: sourceSchema,
  })
  .meta({
    id: 'SdgIndicator',
    example: {
      id: '5.b.1',
      target: '5.b',
      goal: 5,
      title: 'Proportion of individuals who own a mobile telephone, by sex',
      status: 'current',
      source: {
        document:
          'Global indicator framework for the Sustainable Development Goals and targets of the 2030 Agenda (A/RES/71/313, annex, with annual refinements)',
        locator: 'Indicator 5.b.1',
        url: 'https://undocs.org/A/RES/71/313',
      },
    },
  });
