import { activitySummarySchema } from './activities.js';
import { z } from 'zod';
import {
  anyLinkRoleSchema,
  entityKindSchema,
  facilitatorRoleSchema,
  membershipConfidenceSchema,
  responsibilityRoleSchema,
} from '../domain/enums.js';
import { entityIdSchema } from '../domain/ids.js';
import { linkStatusSchema, sourceSchema } from './common.js';

/** Entity ids are acronyms as used in UN documents; some contain spaces ("UN Women"): URL-encode them. */
export const entityIdParam = entityIdSchema.describe('Acronym, e.g. ITU or "UN Women" (URL-encoded: UN%20Women)');

export const entityRoleSchema = anyLinkRoleSchema.describe(
  'Facilitation roles (lead, co, partner) and responsibility roles (lead, co, contributor)',
);

const ungisSource = {
  document: 'UNGIS home page (ITU)',
  locator: 'UNGIS Focus 2025-2026 (chair, vice-chairs) and the meeting of 17 November 2025 (attendees)',
  url: 'https://www.itu.int/net4/wsis/ungis',
};

const entityExample = {
  id: 'WHO',
  name: 'World Health Organization',
  kind: 'specialized-agency',
  ungisMember: true,
  verified: true,
  membershipConfidence: 'high',
  source: ungisSource,
};

export const entitySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: entityKindSchema,
    ungisMember: z.boolean().describe('Evidenced member of UNGIS (false: candidate, membership not verified)'),
    verified: z.boolean(),
    membershipConfidence: membershipConfidenceSchema,
    source: sourceSchema,
  })
  .meta({ id: 'Entity', example: entityExample });

export const entityDetailSchema = entitySchema
  .extend({
    activities: z
      .array(activitySummarySchema.extend({ role: z.enum(['lead', 'partner']) }))
      .describe('Implementation activities it leads or is a partner in, in id order'),
    facilitates: z
      .array(
        z.object({
          actionLineId: z.string(),
          role: facilitatorRoleSchema,
          status: linkStatusSchema,
          source: sourceSchema,
        }),
      )
      .describe('FACILITATES links to WSIS action lines, in action-line order'),
    responsibleFor: z
      .array(
        z.object({
          commitmentId: z.string(),
          label: z.string(),
          role: responsibilityRoleSchema,
          status: linkStatusSchema,
          source: sourceSchema,
        }),
      )
      .describe('RESPONSIBLE_FOR links to GDC commitments, in paragraph order'),
  })
  .meta({
    id: 'EntityDetail',
    example: {
      activities: [],
      ...entityExample,
      facilitates: [
        {
          actionLineId: 'C7.e-health',
          role: 'lead',
          status: 'endorsed',
          source: {
            document: 'WSIS Forum 2010: C7 e-Health facilitation meeting',
            locator: 'WSIS Forum 2010 C7 e-Health facilitation meeting organised by WHO',
            url: 'http://www.itu.int/net/wsis/implementation/2010/forum/geneva/ifm/ifm_12.html',
          },
        },
      ],
      responsibleFor: [],
    },
  });
