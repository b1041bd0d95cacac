import { z } from 'zod';

/**
 * Every column key a CSV or XLSX export of the API writes. The key is what machines read (and what
 * every CSV header was before headers were translated); each language's table gives its label.
 */
export const columnKeys = [
  // matrix (pivot and tidy CSV, XLSX)
  'row',
  'rowId',
  'rowLabel',
  'columnId',
  'columnLabel',
  'linkType',
  'derived',
  'via',
  'roles',
  'entities',
  // shared by several exports
  'id',
  'label',
  'type',
  'role',
  'status',
  'sourceDocument',
  'sourceLocator',
  'sourceUrl',
  // gaps
  'kind',
  'reason',
  // coverage
  'scope',
  'measure',
  'covered',
  'total',
  'share',
  // coverage history
  'from',
  'to',
  'revision',
  'changes',
  'commitments',
  'withActionLine',
  'withResponsibleEntity',
  'shareWithActionLine',
  'shareWithResponsibleEntity',
  'targets',
  'supportedTargets',
  'shareTargetsSupported',
  'actionLines',
  'actionLinesWithLead',
  'shareActionLinesWithLead',
  // links
  'fromKind',
  'fromLabel',
  'toKind',
  'toLabel',
  'rationale',
  'createdAt',
  'createdBy',
  // activities
  'title',
  'description',
  'lead',
  'partners',
  'start',
  'due',
  'indicators',
  'updatedAt',
  'updatedBy',
  // XLSX About sheet
  'item',
  'value',
  // matrix axes (XLSX titles)
  'axis:action-lines',
  'axis:gdc-commitments',
  'axis:gdc-objectives',
  'axis:sdgs',
  'axis:sdg-targets',
  'axis:entities',
  /** "{0} label": the label column of an axis, {0} being the axis title. */
  'labelOf',
] as const;

export type ColumnKey = (typeof columnKeys)[number];

/** One language's labels: every key, so a missing translation fails the type check. */
export type ColumnLabels = Record<ColumnKey, string>;

export const headerModes = ['keys', 'labels'] as const;
export type HeaderMode = (typeof headerModes)[number];

export const headersQuery = z.object({
  headers: z
    .enum(headerModes)
    .optional()
    .describe(
      'CSV/XLSX only: keys (stable column keys, any language) or labels (headers in the chosen language). ' +
        'Default: keys for English CSV, labels otherwise.',
    ),
});
