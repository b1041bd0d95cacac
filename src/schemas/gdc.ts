import { activitySummarySchema } from './activities.js';
import { z } from 'zod';
import { confidenceSchema, responsibilityRoleSchema } from '../domain/enums.js';
import {
  fromUrl,
  gdcCommitmentIdSchema,
  gdcObjectiveNumberSchema,
  gdcSectionIdSchema,
  urlInteger,
} from '../domain/ids.js';
import { linkStatusSchema, sourceSchema } from './common.js';

/** GDC objectives are numbered 1–5; in the API the id is that integer (stored as "1".."5"). */
export const gdcObjectiveIdParam = fromUrl(urlInteger({ min: 1 })).describe('GDC objective number (1–5)');
export const gdcObjectiveFilter = gdcObjectiveNumberSchema.describe('GDC objective number (1–5)');

/** GDC commitment ids: paragraph number plus letter, e.g. 11a for para 11(a), or 24 for an unlettered paragraph. */
export const gdcCommitmentIdParam = gdcCommitmentIdSchema.describe('Paragraph number plus letter: 11a is para 11(a)');

export const gdcSectionSchema = gdcSectionIdSchema.describe('Section of the GDC text (s1 = Digital connectivity, …)');

const gdcSource = {
  document: 'Global Digital Compact, annex I to A/RES/79/1',
  locator: 'para 11(b)',
  url: 'https://docs.un.org/A/RES/79/1',
};

export const gdcObjectiveSchema = z
  .object({
    id: z.number().int().describe('Objective number, 1–5'),
    title: z.string(),
    verified: z.boolean().describe('Title checked verbatim against an official page'),
    confidence: confidenceSchema,
    source: sourceSchema,
  })
  .meta({
    id: 'GdcObjective',
    example: {
      id: 1,
      title: 'Close all digital divides and accelerate progress across the Sustainable Development Goals',
      verified: true,
      confidence: 'high',
      source: { ...gdcSource, locator: 'Objective 1' },
    },
  });

export const gdcObjectiveDetailSchema = gdcObjectiveSchema
  .extend({
    commitments: z
      .array(z.object({ id: z.string(), label: z.string(), section: z.string(), sectionTitle: z.string() }))
      .describe('Commitments under this objective, in paragraph order'),
  })
  .meta({
    id: 'GdcObjectiveDetail',
    example: {
      id: 1,
      title: 'Close all digital divides and accelerate progress across the Sustainable Development Goals',
      verified: true,
      confidence: 'high',
      source: { ...gdcSource, locator: 'Objective 1' },
      commitments: [
        { id: '11a', label: '11(a)', section: 's1', sectionTitle: 'Digital connectivity' },
        { id: '11b', label: '11(b)', section: 's1', sectionTitle: 'Digital connectivity' },
      ],
    },
  });

const commitmentExample = {
  id: '11b',
  label: '11(b)',
  paragraph: 11,
  letter: 'b',
  objective: 1,
  section: 's1',
  sectionTitle: 'Digital connectivity',
  summary:
    'Blended and innovative finance to connect the remaining 2.6 billion people; aim for widely affordable entry-level broadband.',
  verified: false,
  confidence: 'medium',
  source: gdcSource,
};

export const gdcCommitmentSchema = z
  .object({
    id: z.string().describe('Paragraph number plus letter, e.g. 11b'),
    label: z.string().describe('As cited: 11(b)'),
    paragraph: z.number().int(),
    letter: z.string().nullable().describe('null for an unlettered paragraph'),
    objective: z.number().int().describe('GDC objective number, 1–5'),
    section: z.string(),
    sectionTitle: z.string(),
    summary: z.string().describe('Short paraphrase (not the official wording)'),
    verified: z.boolean(),
    confidence: confidenceSchema,
    source: sourceSchema,
  })
  .meta({ id: 'GdcCommitment', example: commitmentExample });

const linkFields = { status: linkStatusSchema, source: sourceSchema };

export const gdcCommitmentDetailSchema = gdcCommitmentSchema
  .extend({
    activities: z.array(activitySummarySchema).describe('Implementation activities serving it, in id order'),
    responsibleEntities: z
      .array(
        z.object({
          entityId: z.string(),
          role: responsibilityRoleSchema,
          ...linkFields,
          rationale: z.string().nullable(),
        }),
      )
      .describe('RESPONSIBLE_FOR links: lead first, then co, then contributors'),
    actionLines: z
      .array(z.object({ actionLineId: z.string(), ...linkFields, rationale: z.string().nullable() }))
      .describe('ALIGNS_WITH links from WSIS action lines'),
    goals: z
      .array(z.object({ goalId: z.number().int(), ...linkFields }))
      .describe('CONTRIBUTES_TO links: the SDGs the GDC text cites after the commitment'),
  })
  .meta({
    id: 'GdcCommitmentDetail',
    example: {
      activities: [],
      ...commitmentExample,
      responsibleEntities: [],
      actionLines: [
        {
          actionLineId: 'C2',
          status: 'proposed',
          source: { document: "Switzerland's proposals for the WSIS+20 zero draft", locator: '¶1–2', url: null },
          rationale:
            'GDC theme "universal, meaningful and affordable connectivity" is linked to C2 in the WSIS+20 proposals',
        },
      ],
      goals: [
        { goalId: 1, status: 'endorsed', source: gdcSource },
        { goalId: 9, status: 'endorsed', source: gdcSource },
      ],
    },
  });
