import type { z } from 'zod';
import { activityIdSchema } from './activities.js';
import {
  actionLineIdSchema,
  entityIdSchema,
  gdcCommitmentIdSchema,
  gdcObjectiveIdSchema,
  sdgGoalIdSchema,
  sdgIndicatorIdSchema,
  sdgNumberSchema,
  sdgTargetIdSchema,
} from './ids.js';

/**
 * The registry of node kinds: one entry per Neo4j label the API serves. Routes, seed validation,
 * the existence checks of writes and the link registry (src/domain/links.ts) read it.
 * Every node of a registry kind also carries the label RoadmapNode (indexed on id, migration 004):
 * whatever creates one must set both labels, or link writes will not find it.
 */
export interface NodeKind {
  /** Neo4j label. */
  label: string;
  /** What a person calls one, for messages ("unknown action line C99"). */
  name: string;
  /** The stored id. */
  id: z.ZodType<string>;
  /** The id as a write route's path parameter (described for OpenAPI), parsed to the stored form. */
  param: z.ZodType<string, unknown>;
  /** The resource collection below /v1. */
  path: string;
  /** Named queries (cypher/<name>.cypher) of the list and detail reads, run by the kind's repository (src/repositories/). */
  queries: { list: string; detail: string };
  /**
   * The seed file holding its records (seed/<file>), or null for a kind the seed never holds
   * (activities: recorded through the API only, never invented by a seed).
   */
  seedFile: string | null;
}

export const nodeKinds = {
  ActionLine: {
    label: 'ActionLine',
    name: 'action line',
    id: actionLineIdSchema,
    param: actionLineIdSchema.describe('C1…C11 or a C7 sub-line such as C7.e-health'),
    path: 'action-lines',
    queries: { list: 'action-lines/list', detail: 'action-lines/get' },
    seedFile: 'action-lines.json',
  },
  GdcObjective: {
    label: 'GdcObjective',
    name: 'GDC objective',
    id: gdcObjectiveIdSchema,
    param: gdcObjectiveIdSchema.describe('GDC objective number (1–5)'),
    path: 'gdc/objectives',
    queries: { list: 'gdc/objectives-list', detail: 'gdc/objectives-get' },
    seedFile: 'gdc-objectives.json',
  },
  GdcCommitment: {
    label: 'GdcCommitment',
    name: 'GDC commitment',
    id: gdcCommitmentIdSchema,
    param: gdcCommitmentIdSchema.describe('GDC commitment id: paragraph number with an optional letter, e.g. 11a'),
    path: 'gdc/commitments',
    queries: { list: 'gdc/commitments-list', detail: 'gdc/commitments-get' },
    seedFile: 'gdc-commitments.json',
  },
  Sdg: {
    label: 'Sdg',
    name: 'SDG',
    id: sdgGoalIdSchema,
    param: sdgNumberSchema.describe('SDG number (1–17)').transform(String),
    path: 'sdgs',
    queries: { list: 'sdgs/list', detail: 'sdgs/get' },
    seedFile: 'sdgs.json',
  },
  SdgTarget: {
    label: 'SdgTarget',
    name: 'SDG target',
    id: sdgTargetIdSchema,
    param: sdgTargetIdSchema.describe('SDG target id, e.g. 5.b'),
    path: 'sdg-targets',
    queries: { list: 'sdg-targets/list', detail: 'sdg-targets/get' },
    seedFile: 'sdg-targets.json',
  },
  SdgIndicator: {
    label: 'SdgIndicator',
    name: 'SDG indicator',
    id: sdgIndicatorIdSchema,
    param: sdgIndicatorIdSchema.describe('SDG indicator id, e.g. 5.b.1'),
    path: 'sdg-indicators',
    queries: { list: 'sdg-indicators/get', detail: 'sdg-indicators/get' },
    seedFile: 'sdg-indicators.json',
  },
  Entity: {
    label: 'Entity',
    name: 'entity',
    id: entityIdSchema,
    param: entityIdSchema.describe('Entity id, e.g. ITU or "UN Women"'),
    path: 'entities',
    queries: { list: 'entities/list', detail: 'entities/get' },
    seedFile: 'entities.json',
  },
  /**
   * Implementation activities (src/domain/activities.ts). Registry-driven features that do not apply:
   * no seed file (nothing seeded, see seedFile); no link kind ends at an activity (its LEADS,
   * PARTNER_IN and SERVES relationships are owned by the activity and written whole with it, without
   * status, role or source of their own), so there are no link sub-resources, no matrix axis and no
   * linked-data (SKOS/SSSOM) mapping for it.
   */
  Activity: {
    label: 'Activity',
    name: 'activity',
    id: activityIdSchema,
    param: activityIdSchema.describe('Activity id, e.g. A1 (assigned by the service)'),
    path: 'activities',
    queries: { list: 'activities/list', detail: 'activities/get' },
    seedFile: null,
  },
} as const satisfies Record<string, NodeKind>;

export type NodeLabel = keyof typeof nodeKinds;
