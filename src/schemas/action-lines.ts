import { activitySummarySchema } from './activities.js';
import { z } from 'zod';
import { actionLineKindSchema, facilitatorRoleSchema } from '../domain/enums.js';
import { actionLineIdSchema } from '../domain/ids.js';
import { linkStatusSchema, sourceSchema } from './common.js';

export const actionLineIdParam = actionLineIdSchema.describe('C1…C11 or a C7 sub-line such as C7.e-health');

export const actionLineSchema = z
  .object({
    id: z.string(),
    title: z.string().describe('Current ITU/WSIS short title'),
    titleGeneva2003: z.string().describe('Heading in the Geneva Plan of Action (2003)'),
    kind: actionLineKindSchema,
    parent: z.string().nullable().describe('C7 for its sub-lines'),
    source: sourceSchema,
  })
  .meta({
    id: 'ActionLine',
    example: {
      id: 'C2',
      title: 'Information and communication infrastructure',
      titleGeneva2003:
        'Information and communication infrastructure: an essential foundation for the Information Society',
      kind: 'line',
      parent: null,
      source: {
        document: 'Geneva Plan of Action (WSIS-03/GENEVA/DOC/5)',
        locator: 'C2',
        url: 'https://www.itu.int/net/wsis/docs/geneva/official/poa.html',
      },
    },
  });

const linkFields = { status: linkStatusSchema, rationale: z.string().nullable().optional(), source: sourceSchema };

export const actionLineDetailSchema = actionLineSchema
  .extend({
    activities: z.array(activitySummarySchema).describe('Implementation activities serving it, in id order'),
    facilitators: z.array(z.object({ entityId: z.string(), role: facilitatorRoleSchema, ...linkFields })),
    subLines: z.array(z.string()),
    commitments: z.array(z.object({ commitmentId: z.string(), label: z.string(), ...linkFields })),
    goals: z
      .array(z.object({ goalId: z.number().int().describe('SDG number, 1–17'), ...linkFields }))
      .describe('Goal-level SUPPORTS links (the matrix names only the goal)'),
    targets: z.array(
      z.object({ targetId: z.string(), goalId: z.number().int().describe('SDG number, 1–17'), ...linkFields }),
    ),
  })
  .meta({
    id: 'ActionLineDetail',
    example: {
      activities: [],
      id: 'C7.e-health',
      title: 'E-health',
      titleGeneva2003: 'E-health',
      kind: 'subline',
      parent: 'C7',
      source: {
        document: 'Geneva Plan of Action (WSIS-03/GENEVA/DOC/5)',
        locator: 'C7, E-health',
        url: 'https://www.itu.int/net/wsis/docs/geneva/official/poa.html',
      },
      facilitators: [
        {
          entityId: 'WHO',
          role: 'lead',
          status: 'endorsed',
          rationale: null,
          source: {
            document: 'WSIS Forum 2010: C7 e-Health facilitation meeting',
            locator: 'WSIS Forum 2010 C7 e-Health facilitation meeting organised by WHO',
            url: 'http://www.itu.int/net/wsis/implementation/2010/forum/geneva/ifm/ifm_12.html',
          },
        },
        {
          entityId: 'ITU',
          role: 'co',
          status: 'endorsed',
          rationale: null,
          source: {
            document: 'WSIS Forum 2024, session 389: C7 E-health',
            locator: 'C7 E-health session by WHO and ITU',
            url: 'https://www.itu.int/net4/wsis/forum/2024/Agenda/Session/389',
          },
        },
      ],
      subLines: [],
      commitments: [],
      goals: [
        {
          goalId: 3,
          status: 'endorsed',
          source: {
            document: 'WSIS–SDG Matrix (UN WSIS Action Line Facilitators, ITU, 2015)',
            locator: 'C7.e-health → Goal 3 (whole goal)',
            url: 'https://www.itu.int/net4/wsis/sdg/',
          },
        },
      ],
      targets: [
        {
          targetId: '1.3',
          goalId: 1,
          status: 'endorsed',
          source: {
            document: 'WSIS–SDG Matrix (UN WSIS Action Line Facilitators, ITU, 2015)',
            locator: 'C7.e-health → target 1.3',
            url: 'https://www.itu.int/net4/wsis/sdg/',
          },
        },
      ],
    },
  });
