/** What /v1/search can find: the API name of each kind and the graph label behind it. */
export const searchKinds = {
  'action-line': 'ActionLine',
  'gdc-objective': 'GdcObjective',
  'gdc-commitment': 'GdcCommitment',
  sdg: 'Sdg',
  'sdg-target': 'SdgTarget',
  'sdg-indicator': 'SdgIndicator',
  entity: 'Entity',
} as const;
export type SearchKind = keyof typeof searchKinds;
export type SearchLabel = (typeof searchKinds)[SearchKind];

export const searchKindNames = Object.keys(searchKinds) as [SearchKind, ...SearchKind[]];

export const kindOfLabel = (label: SearchLabel): SearchKind =>
  (Object.keys(searchKinds) as SearchKind[]).find((k) => searchKinds[k] === label)!;

/**
 * The text fields of each kind, most telling first: a hit's `matchedField` is the first field (in
 * this order) where the most query words were found. `id` is searchable so that acronyms (ITU)
 * and codes (C5, 5.b) are found too.
 */
export const textFields = ['name', 'shortTitle', 'title', 'label', 'id', 'sectionTitle', 'summary'] as const;
export type TextField = (typeof textFields)[number];

/** The fields that exist per language: only SDG labels are translated. */
export const translatedFields: readonly TextField[] = ['shortTitle', 'title'];
