import { z } from 'zod';
import {
  actionLineKindSchema,
  confidenceSchema,
  entityKindSchema,
  facilitatorRoleSchema,
  linkStatusSchema,
  membershipConfidenceSchema,
  responsibilityRoleSchema,
  sdgIndicatorStatusSchema,
  sdgTargetKindSchema,
} from '../domain/enums.js';
import {
  actionLineIdSchema as actionLineId,
  entityIdSchema as entityId,
  gdcCommitmentIdSchema as gdcCommitmentId,
  gdcObjectiveIdSchema as gdcObjectiveId,
  gdcSectionIdSchema,
  sdgGoalIdSchema as sdgGoalId,
  sdgIndicatorIdSchema as sdgIndicatorId,
  sdgTargetIdSchema as sdgTargetId,
} from '../domain/ids.js';

export type { Confidence, LinkStatus } from '../domain/enums.js';

/**
 * Shapes of the committed seed files (seed/*.json). Each file is a JSON array of records of one
 * concept; cross-file rules (ids that must exist, duplicates, one lead per line) live in validate.ts.
 * Objects are strict so that a misspelt field name is reported instead of silently dropped.
 */

const nonEmpty = z.string().trim().min(1);

/** Where a record comes from. `note` holds what does not fit the three fields (e.g. a transcription commit). */
export const sourceSchema = z.strictObject({
  document: nonEmpty,
  locator: nonEmpty,
  url: z.url({ protocol: /^https?$/ }).nullable(),
  note: nonEmpty.optional(),
});
export type Source = z.infer<typeof sourceSchema>;

// ---- nodes ----

export const actionLineSchema = z.strictObject({
  id: actionLineId,
  title: nonEmpty,
  titleGeneva2003: nonEmpty,
  kind: actionLineKindSchema,
  ordinal: z.int().positive(),
  /** The main line a C7 sub-line belongs to; null for C1..C11 themselves. */
  partOf: actionLineId.nullable(),
  source: sourceSchema,
});
export type ActionLineRecord = z.infer<typeof actionLineSchema>;

export const gdcObjectiveSchema = z.strictObject({
  id: gdcObjectiveId,
  title: nonEmpty,
  verified: z.boolean(),
  confidence: confidenceSchema,
  source: sourceSchema,
});
export type GdcObjectiveRecord = z.infer<typeof gdcObjectiveSchema>;

export const gdcCommitmentSchema = z.strictObject({
  id: gdcCommitmentId,
  label: nonEmpty,
  paragraph: z.int().positive(),
  letter: z
    .string()
    .regex(/^[a-z]$/)
    .nullable(),
  objective: gdcObjectiveId,
  section: gdcSectionIdSchema,
  sectionTitle: nonEmpty,
  summary: nonEmpty.refine((s) => s.split(/\s+/).length <= 20, 'must be at most 20 words'),
  verified: z.boolean(),
  confidence: confidenceSchema,
  source: sourceSchema,
});
export type GdcCommitmentRecord = z.infer<typeof gdcCommitmentSchema>;

export const sdgSchema = z.strictObject({
  id: sdgGoalId,
  title: nonEmpty,
  shortTitle: nonEmpty,
  uri: z.url(),
  source: sourceSchema,
});
export type SdgRecord = z.infer<typeof sdgSchema>;

export const sdgTargetSchema = z.strictObject({
  id: sdgTargetId,
  sdg: sdgGoalId,
  title: nonEmpty,
  kind: sdgTargetKindSchema,
  uri: z.url(),
  source: sourceSchema,
});
export type SdgTargetRecord = z.infer<typeof sdgTargetSchema>;

export const sdgIndicatorSchema = z.strictObject({
  id: sdgIndicatorId,
  target: sdgTargetId,
  title: nonEmpty,
  /** 'obsolete' keeps ids deleted or renumbered in the 2020 review visible but flagged. */
  status: sdgIndicatorStatusSchema,
  source: sourceSchema,
});
export type SdgIndicatorRecord = z.infer<typeof sdgIndicatorSchema>;

export const entitySchema = z.strictObject({
  id: entityId,
  name: nonEmpty,
  kind: entityKindSchema,
  ungisMember: z.boolean(),
  verified: z.boolean(),
  membershipConfidence: membershipConfidenceSchema,
  source: sourceSchema,
});
export type EntityRecord = z.infer<typeof entitySchema>;

// ---- links ----

const linkFields = {
  status: linkStatusSchema,
  confidence: confidenceSchema.optional(),
  rationale: nonEmpty.optional(),
  source: sourceSchema,
};

/** (Entity)-[:FACILITATES {role}]->(ActionLine) */
export const facilitatorSchema = z.strictObject({
  actionLine: actionLineId,
  entity: entityId,
  role: facilitatorRoleSchema,
  ...linkFields,
});
export type FacilitatorRecord = z.infer<typeof facilitatorSchema>;

/** (Entity)-[:RESPONSIBLE_FOR {role}]->(GdcCommitment) */
export const commitmentResponsibilitySchema = z.strictObject({
  commitment: gdcCommitmentId,
  entity: entityId,
  role: responsibilityRoleSchema,
  ...linkFields,
});
export type CommitmentResponsibilityRecord = z.infer<typeof commitmentResponsibilitySchema>;

/** (ActionLine)-[:ALIGNS_WITH]->(GdcCommitment) */
export const actionLineAlignmentSchema = z.strictObject({
  actionLine: actionLineId,
  commitment: gdcCommitmentId,
  ...linkFields,
});
export type ActionLineAlignmentRecord = z.infer<typeof actionLineAlignmentSchema>;

/** (ActionLine)-[:SUPPORTS]->(SdgTarget) */
export const actionLineSdgTargetSchema = z.strictObject({
  actionLine: actionLineId,
  target: sdgTargetId,
  ...linkFields,
});
export type ActionLineSdgTargetRecord = z.infer<typeof actionLineSdgTargetSchema>;

/** (ActionLine)-[:SUPPORTS]->(Sdg): the matrix names the whole goal, not a target. */
export const actionLineSdgSchema = z.strictObject({
  actionLine: actionLineId,
  sdg: sdgGoalId,
  ...linkFields,
});
export type ActionLineSdgRecord = z.infer<typeof actionLineSdgSchema>;

/** (GdcCommitment)-[:CONTRIBUTES_TO]->(Sdg): the SDGs the GDC text cites after a commitment. */
export const commitmentSdgSchema = z.strictObject({
  commitment: gdcCommitmentId,
  sdg: sdgGoalId,
  ...linkFields,
});
export type CommitmentSdgRecord = z.infer<typeof commitmentSdgSchema>;

/** The seed files, in load order (nodes before the links that reference them). */
export const seedFiles = {
  actionLines: { file: 'action-lines.json', schema: actionLineSchema },
  gdcObjectives: { file: 'gdc-objectives.json', schema: gdcObjectiveSchema },
  gdcCommitments: { file: 'gdc-commitments.json', schema: gdcCommitmentSchema },
  sdgs: { file: 'sdgs.json', schema: sdgSchema },
  sdgTargets: { file: 'sdg-targets.json', schema: sdgTargetSchema },
  sdgIndicators: { file: 'sdg-indicators.json', schema: sdgIndicatorSchema },
  entities: { file: 'entities.json', schema: entitySchema },
  facilitators: { file: 'facilitators.json', schema: facilitatorSchema },
  commitmentResponsibilities: { file: 'commitment-responsibilities.json', schema: commitmentResponsibilitySchema },
  actionLineAlignments: { file: 'action-line-gdc-alignments.json', schema: actionLineAlignmentSchema },
  actionLineSdgTargets: { file: 'action-line-sdg-targets.json', schema: actionLineSdgTargetSchema },
  actionLineSdgs: { file: 'action-line-sdgs.json', schema: actionLineSdgSchema },
  commitmentSdgs: { file: 'commitment-sdgs.json', schema: commitmentSdgSchema },
} as const;

export type SeedKey = keyof typeof seedFiles;

/** A whole, validated seed: one array of records per file. */
export type Seed = { [K in SeedKey]: z.infer<(typeof seedFiles)[K]['schema']>[] };
