import type { z } from 'zod';
import { facilitatorRoleSchema, responsibilityRoleSchema } from './enums.js';
import { nodeKinds, type NodeLabel } from './nodes.js';

/**
 * The registry of link kinds: one entry per (from label, relationship type, to label) the roadmap
 * records. Everything else follows from it: the PUT/DELETE routes and their bodies, the import's
 * row validation, the existence checks, the change-log paths, seed validation and the list of
 * /v1/links. The write Cypher (cypher/links/*.cypher) takes labels and type as parameters, so a new
 * kind needs no new query. Adding a kind = one entry here + its seed file + its tests.
 */

export interface LinkResource {
  /** Which end owns the URL: /v1/<owner path>/:id/<segment>/:<childParam>. */
  owner: 'from' | 'to';
  segment: string;
  childParam: string;
  /** OpenAPI component name and example of the PUT body. */
  body: { id: string; example: Record<string, unknown> };
  put: { summary: string; description: string; conflict?: string };
  deleteSummary: string;
}

export interface LinkKindSpec {
  type: string;
  from: NodeLabel;
  to: NodeLabel;
  /** The roles a link of this kind carries, if any (required on create). */
  roles: z.ZodEnum<Record<string, string>> | null;
  /** One active lead per `to` node (FACILITATES: one lead per action line). */
  oneLead: boolean;
  /** Whether the API edits it (PUT/DELETE, import); read-only kinds come from the seed only. */
  editable: boolean;
  /** The `type` column of an import row; kinds sharing it are told apart by the `to` id. */
  importType: string | null;
  /** Change-log action prefix: "<action>.put" / "<action>.delete". */
  action: string;
  /** Seed file key (src/seed/schema.ts) and the fields naming the two ends. */
  seed: { key: string; from: string; to: string };
  resource: LinkResource | null;
  /** The GET /v1/matrix pivot whose cells show a link of this kind directly (rows = from end, cols = to end). */
  matrix: { rows: string; cols: string } | null;
}

const exampleSource = {
  document: 'UNGIS joint implementation roadmap, working draft',
  locator: 'Annex I, row C10',
  url: 'https://www.itu.int/net4/wsis/ungis/',
};

const mappingBody = {
  id: 'MappingLink',
  example: {
    status: 'proposed',
    source: exampleSource,
    rationale: 'Both address meaningful connectivity',
    reason: 'Roadmap review',
  },
};

const upsertRules =
  'Omitted fields keep their current value; a new link needs `source` and starts as `proposed`. ' +
  'The same PUT twice changes nothing the second time.';

export const linkKinds = {
  FACILITATES: {
    type: 'FACILITATES',
    from: 'Entity',
    to: 'ActionLine',
    roles: facilitatorRoleSchema,
    oneLead: true,
    editable: true,
    importType: 'FACILITATES',
    action: 'facilitator',
    seed: { key: 'facilitators', from: 'entity', to: 'actionLine' },
    matrix: { rows: 'entities', cols: 'action-lines' },
    resource: {
      owner: 'to',
      segment: 'facilitators',
      childParam: 'entityId',
      body: {
        id: 'FacilitatorAssignment',
        example: {
          role: 'co',
          status: 'proposed',
          source: exampleSource,
          rationale: 'Proposed in the WSIS+20 consultations',
          reason: 'UNGIS meeting decision',
        },
      },
      put: {
        summary: 'Assign an entity as lead, co- or partner facilitator of an action line',
        description:
          'Creates or updates the FACILITATES link. One lead per action line: a second lead is 409 naming the current one, ' +
          'unless `replaceLead: true`, which demotes the current lead to co in the same write. Omitted fields keep their ' +
          'current value; a new link needs `source` and starts as `proposed`. The same PUT twice changes nothing the second time.',
        conflict: 'The action line already has another lead (problem+json, `currentLead`)',
      },
      deleteSummary: 'Remove an entity from the facilitators of an action line',
    },
  },
  RESPONSIBLE_FOR: {
    type: 'RESPONSIBLE_FOR',
    from: 'Entity',
    to: 'GdcCommitment',
    roles: responsibilityRoleSchema,
    oneLead: false,
    editable: true,
    importType: 'RESPONSIBLE_FOR',
    action: 'responsibility',
    seed: { key: 'commitmentResponsibilities', from: 'entity', to: 'commitment' },
    matrix: { rows: 'entities', cols: 'gdc-commitments' },
    resource: {
      owner: 'to',
      segment: 'responsible',
      childParam: 'entityId',
      body: {
        id: 'ResponsibilityAssignment',
        example: {
          role: 'lead',
          status: 'proposed',
          source: exampleSource,
          rationale: 'Lead UN entity for this commitment',
          reason: 'UNGIS meeting decision',
        },
      },
      put: {
        summary: 'Make an entity responsible (lead, co or contributor) for a GDC commitment',
        description: `Creates or updates the RESPONSIBLE_FOR link. ${upsertRules}`,
      },
      deleteSummary: 'Remove an entity from those responsible for a GDC commitment',
    },
  },
  ALIGNS_WITH: {
    type: 'ALIGNS_WITH',
    from: 'ActionLine',
    to: 'GdcCommitment',
    roles: null,
    oneLead: false,
    editable: true,
    importType: 'ALIGNS_WITH',
    action: 'alignment',
    seed: { key: 'actionLineAlignments', from: 'actionLine', to: 'commitment' },
    matrix: { rows: 'action-lines', cols: 'gdc-commitments' },
    resource: {
      owner: 'from',
      segment: 'commitments',
      childParam: 'commitmentId',
      body: mappingBody,
      put: {
        summary: 'Align an action line with a GDC commitment',
        description: `Creates or updates the ALIGNS_WITH link. ${upsertRules}`,
      },
      deleteSummary: 'Remove the alignment of an action line with a GDC commitment',
    },
  },
  SUPPORTS_TARGET: {
    type: 'SUPPORTS',
    from: 'ActionLine',
    to: 'SdgTarget',
    roles: null,
    oneLead: false,
    editable: true,
    importType: 'SUPPORTS',
    action: 'sdg-target',
    seed: { key: 'actionLineSdgTargets', from: 'actionLine', to: 'target' },
    matrix: { rows: 'action-lines', cols: 'sdg-targets' },
    resource: {
      owner: 'from',
      segment: 'sdg-targets',
      childParam: 'targetId',
      body: mappingBody,
      put: {
        summary: 'Record that an action line supports an SDG target',
        description: `Creates or updates the SUPPORTS link to the target. ${upsertRules}`,
      },
      deleteSummary: 'Remove the link from an action line to an SDG target',
    },
  },
  SUPPORTS_GOAL: {
    type: 'SUPPORTS',
    from: 'ActionLine',
    to: 'Sdg',
    roles: null,
    oneLead: false,
    editable: true,
    importType: 'SUPPORTS',
    action: 'sdg',
    seed: { key: 'actionLineSdgs', from: 'actionLine', to: 'sdg' },
    matrix: { rows: 'action-lines', cols: 'sdgs' },
    resource: {
      owner: 'from',
      segment: 'sdgs',
      childParam: 'goal',
      body: mappingBody,
      put: {
        summary: 'Record that an action line supports a whole SDG',
        description:
          'Creates or updates the SUPPORTS link to the goal itself (the WSIS–SDG matrix names whole goals). ' +
          upsertRules,
      },
      deleteSummary: 'Remove the link from an action line to a whole SDG',
    },
  },
  CONTRIBUTES_TO: {
    type: 'CONTRIBUTES_TO',
    from: 'GdcCommitment',
    to: 'Sdg',
    roles: null,
    oneLead: false,
    editable: false,
    importType: null,
    action: 'contribution',
    seed: { key: 'commitmentSdgs', from: 'commitment', to: 'sdg' },
    matrix: { rows: 'gdc-commitments', cols: 'sdgs' },
    resource: null,
  },
} as const satisfies Record<string, LinkKindSpec>;

export type LinkKind = keyof typeof linkKinds;
export const allLinkKinds = Object.keys(linkKinds) as LinkKind[];
export const editableLinkKinds = allLinkKinds.filter((k) => linkKinds[k].editable);
export const linkKindSpec = (kind: LinkKind): LinkKindSpec => linkKinds[kind];

/** The relationship types /v1/links lists (structural PART_OF / UNDER / OF / MEASURES are not roadmap links). */
export const roadmapLinkTypes = [...new Set(allLinkKinds.map((k) => linkKinds[k].type))] as [string, ...string[]];
/** Labels at either end of a roadmap link, in registry order of node kinds. */
export const linkEndLabels = (Object.keys(nodeKinds) as NodeLabel[]).filter((label) =>
  allLinkKinds.some((k) => linkKinds[k].from === label || linkKinds[k].to === label),
) as [NodeLabel, ...NodeLabel[]];
export const linkFromLabels = linkEndLabels.filter((l) => allLinkKinds.some((k) => linkKinds[k].from === l));
export const linkToLabels = linkEndLabels.filter((l) => allLinkKinds.some((k) => linkKinds[k].to === l));

/** "FACILITATES Entity→ActionLine, …, SUPPORTS ActionLine→SdgTarget|Sdg": the registry in one line. */
export const linkTypesDescription = roadmapLinkTypes
  .map((type) => {
    const kinds = allLinkKinds.filter((k) => linkKinds[k].type === type);
    const from = [...new Set(kinds.map((k) => linkKinds[k].from))].join('|');
    const to = [...new Set(kinds.map((k) => linkKinds[k].to))].join('|');
    return `${type} ${from}→${to}`;
  })
  .join(', ');

/** The import's `type` values. */
export const importTypes = [
  ...new Set(editableLinkKinds.flatMap((k) => (linkKinds[k].importType ? [linkKinds[k].importType] : []))),
] as [string, ...string[]];

/** One link, by kind and the ids of its two ends (stored forms). */
export interface LinkKey {
  kind: LinkKind;
  from: string;
  to: string;
}

/** The link kind an import row names: its type and, when several kinds share it, the `to` id's form. */
export function kindOfImportRow(type: string, to: string): LinkKind | undefined {
  const candidates = editableLinkKinds.filter((k) => linkKinds[k].importType === type);
  if (candidates.length <= 1) return candidates[0];
  return candidates.find((k) => nodeKinds[linkKinds[k].to].id.safeParse(to).success);
}

/** The API path (below /v1) of a link: the `target` of its Change records and its PUT/DELETE URL. */
export function linkTarget(key: LinkKey): string {
  const spec = linkKindSpec(key.kind);
  const resource = spec.resource;
  if (!resource) return `links/${spec.type}/${key.from}/${key.to}`;
  const [owner, child] = resource.owner === 'to' ? [key.to, key.from] : [key.from, key.to];
  const ownerLabel = resource.owner === 'to' ? spec.to : spec.from;
  return `${nodeKinds[ownerLabel].path}/${owner}/${resource.segment}/${child}`;
}

export const keyString = (key: LinkKey) => `${key.kind}|${key.from}|${key.to}`;

/** What the write Cypher needs to find a link: labels and type are parameters, never built text. */
export const cypherKey = (key: LinkKey) => {
  const spec = linkKindSpec(key.kind);
  return { kind: key.kind, type: spec.type, fromLabel: spec.from, toLabel: spec.to, from: key.from, to: key.to };
};
