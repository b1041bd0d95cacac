import { z } from 'zod';

/** One zod schema per enumeration of the domain, shared by routes, import, seed and OpenAPI. */

/** Lifecycle of a link: evidenced ('endorsed'), suggested ('proposed') or no longer holding ('retired'). */
export const linkStatuses = ['proposed', 'endorsed', 'retired'] as const;
export const linkStatusSchema = z.enum(linkStatuses).meta({ id: 'LinkStatus' });
export type LinkStatus = z.infer<typeof linkStatusSchema>;

/** How sure the transcription of a record is (see its source). */
export const confidenceSchema = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof confidenceSchema>;

/** How sure an entity's UNGIS membership is. */
export const membershipConfidenceSchema = z.enum(['high', 'medium', 'low', 'unverified']);

export const facilitatorRoleSchema = z.enum(['lead', 'co', 'partner']);
export const responsibilityRoleSchema = z.enum(['lead', 'co', 'contributor']);
/** Every role a roadmap link can carry (the union of the per-kind role enums). */
export const anyLinkRoleSchema = z.enum(['lead', 'co', 'partner', 'contributor']);

export const entityKindSchema = z.enum([
  'specialized-agency',
  'fund-programme',
  'secretariat',
  'regional-commission',
  'other-un',
  'non-un',
]);

export const actionLineKindSchema = z.enum(['line', 'subline']);
export const sdgTargetKindSchema = z.enum(['outcome', 'means-of-implementation']);
export const sdgIndicatorStatusSchema = z.enum(['current', 'obsolete']);
