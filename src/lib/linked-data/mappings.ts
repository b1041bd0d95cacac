import { stringify as toYaml } from 'yaml';
import type { MappingRow } from '../../db/exports.js';

/**
 * The roadmap links as mappings between vocabularies, for the JSON-LD (SKOS) and SSSOM exports.
 *
 * Predicates, per link type (why, in docs/linked-data.md and the OpenAPI description):
 *   SUPPORTS        ActionLine → SDG target / goal  skos:relatedMatch  (contributes to; neither the same nor broader)
 *   CONTRIBUTES_TO  GDC commitment → SDG goal       skos:relatedMatch  (same reason)
 *   ALIGNS_WITH     ActionLine → GDC commitment     skos:closeMatch    (the two frameworks name the same policy theme)
 *   FACILITATES     Entity → ActionLine             roadmap:facilitates     (an organisation is not a concept: no SKOS)
 *   RESPONSIBLE_FOR Entity → GDC commitment         roadmap:responsibleFor  (same reason)
 * Goals and targets are named by their UN SDG KOS URIs (http://metadata.un.org/sdg/5.b); action
 * lines, commitments and entities by their URL in this API.
 */
export const predicates: Record<string, string> = {
  SUPPORTS: 'skos:relatedMatch',
  CONTRIBUTES_TO: 'skos:relatedMatch',
  ALIGNS_WITH: 'skos:closeMatch',
  FACILITATES: 'roadmap:facilitates',
  RESPONSIBLE_FOR: 'roadmap:responsibleFor',
};

/** The predicate of a link type; a link type without a documented predicate is a bug, not a guess. */
export function predicateOf(type: string): string {
  const predicate = predicates[type];
  if (!predicate)
    throw new Error(`No linked-data predicate is chosen for link type ${type} (src/lib/linked-data/mappings.ts)`);
  return predicate;
}

/**
 * SSSOM confidence is a number in [0, 1]; the roadmap grades evidence high / medium / low. This
 * fixed, documented scale converts one into the other; a link without a grade has no confidence.
 */
export const confidenceScale: Record<string, number> = { high: 0.9, medium: 0.6, low: 0.3 };

export const SDG_KOS = 'http://metadata.un.org/sdg/';

/** The CURIE prefixes of both exports; the API's own namespaces hang off its base URL. */
export function curieMap(baseUrl: string): Record<string, string> {
  return {
    skos: 'http://www.w3.org/2004/02/skos/core#',
    semapv: 'https://w3id.org/semapv/vocab/',
    sssom: 'https://w3id.org/sssom/',
    dcterms: 'http://purl.org/dc/terms/',
    rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
    xsd: 'http://www.w3.org/2001/XMLSchema#',
    sdg: SDG_KOS,
    wsis: `${baseUrl}/v1/action-lines/`,
    gdc: `${baseUrl}/v1/gdc/commitments/`,
    unentity: `${baseUrl}/v1/entities/`,
    roadmap: `${baseUrl}/v1/exports/vocab#`,
  };
}

/** CURIE prefix per node label (every label at either end of a registered link kind). */
export const kindPrefix: Record<string, string> = {
  Entity: 'unentity',
  ActionLine: 'wsis',
  GdcCommitment: 'gdc',
  Sdg: 'sdg',
  SdgTarget: 'sdg',
};

/** A node's CURIE: goals and targets by KOS URI (when the graph has it), the rest by API URL. */
export function curieOf(kind: string, id: string, uri: string | null = null): string {
  if ((kind === 'Sdg' || kind === 'SdgTarget') && uri?.startsWith(SDG_KOS)) return `sdg:${uri.slice(SDG_KOS.length)}`;
  return `${kindPrefix[kind]}:${encodeURIComponent(id)}`;
}

export interface MappingSetMeta {
  baseUrl: string;
  /** Graph revision the export shows, e.g. 42. */
  revision: number;
  /** The URL of this export (mapping_set_id). */
  setId: string;
  language: string;
}

/** SSSOM requires a licence; the project has not declared one yet, and SSSOM names that case. */
const LICENSE = 'https://w3id.org/sssom/license/unspecified';
const justification = 'semapv:ManualMappingCuration';

/** One mapping, in SSSOM slot names (shared by both exports). */
export function toMapping(row: MappingRow) {
  const confidence = row.confidence ? confidenceScale[row.confidence] : undefined;
  return {
    subject_id: curieOf(row.fromKind, row.from),
    subject_label: row.fromLabel ?? undefined,
    predicate_id: predicateOf(row.type),
    object_id: curieOf(row.toKind, row.to, row.toUri),
    object_label: row.toLabel ?? undefined,
    mapping_justification: justification,
    author_id: `roadmap:author/${encodeURIComponent(row.createdBy)}`,
    mapping_date: row.createdAt.slice(0, 10),
    confidence,
    see_also: row.source.url ?? undefined,
    comment: `${row.source.document}, ${row.source.locator}`,
    link_type: row.type,
    role: row.role ?? undefined,
    status: row.status,
  };
}

/** JSON-LD: a sssom:MappingSet of reified mappings, plus the SKOS triples between the concepts. */
export function mappingsJsonLd(rows: MappingRow[], meta: MappingSetMeta) {
  const prefixes = curieMap(meta.baseUrl);
  const id = (name: string) => ({ '@id': `sssom:${name}`, '@type': '@id' });
  const context = {
    ...prefixes,
    mappings: { '@id': 'sssom:mappings', '@container': '@set' },
    mapping_set_id: id('mapping_set_id'),
    mapping_set_version: 'sssom:mapping_set_version',
    license: id('license'),
    subject_id: id('subject_id'),
    subject_label: 'sssom:subject_label',
    predicate_id: id('predicate_id'),
    object_id: id('object_id'),
    object_label: 'sssom:object_label',
    mapping_justification: id('mapping_justification'),
    author_id: id('author_id'),
    mapping_date: { '@id': 'sssom:mapping_date', '@type': 'xsd:date' },
    confidence: { '@id': 'sssom:confidence', '@type': 'xsd:double' },
    see_also: id('see_also'),
    comment: 'sssom:comment',
    link_type: 'roadmap:linkType',
    role: 'roadmap:role',
    status: 'roadmap:status',
    'skos:relatedMatch': { '@type': '@id' },
    'skos:closeMatch': { '@type': '@id' },
    'roadmap:facilitates': { '@type': '@id' },
    'roadmap:responsibleFor': { '@type': '@id' },
  };
  const mappings = rows.map((row) => ({ '@type': 'sssom:Mapping', ...toMapping(row) }));
  const concepts = new Map<string, Record<string, unknown>>();
  for (const m of mappings) {
    const subject = concepts.get(m.subject_id) ?? { '@id': m.subject_id };
    concepts.set(m.subject_id, subject);
    const objects = (subject[m.predicate_id] as string[] | undefined) ?? [];
    if (!objects.includes(m.object_id)) objects.push(m.object_id);
    subject[m.predicate_id] = objects;
  }
  return {
    '@context': context,
    '@graph': [
      {
        '@id': meta.setId,
        '@type': 'sssom:MappingSet',
        mapping_set_id: meta.setId,
        mapping_set_version: `r${meta.revision}`,
        license: LICENSE,
        mappings,
      },
      ...concepts.values(),
    ],
  };
}

/** SSSOM/TSV columns, in order. */
export const sssomColumns = [
  'subject_id',
  'subject_label',
  'predicate_id',
  'object_id',
  'object_label',
  'mapping_justification',
  'author_id',
  'mapping_date',
  'confidence',
  'see_also',
  'comment',
  'other',
] as const;

/** The metadata block of the SSSOM/TSV file (YAML, each line commented with #). */
export function sssomMetadata(meta: MappingSetMeta): string {
  const yaml = toYaml({
    curie_map: curieMap(meta.baseUrl),
    mapping_set_id: meta.setId,
    mapping_set_version: `r${meta.revision}`,
    mapping_set_title:
      'WSIS–GDC–SDG joint implementation roadmap: links between action lines, GDC commitments, SDGs and UN entities',
    license: LICENSE,
    mapping_set_description:
      'Predicates: SUPPORTS and CONTRIBUTES_TO as skos:relatedMatch, ALIGNS_WITH as skos:closeMatch, ' +
      'FACILITATES as roadmap:facilitates, RESPONSIBLE_FOR as roadmap:responsibleFor. Confidence from the ' +
      'evidence grade: high 0.9, medium 0.6, low 0.3. `other` holds the roadmap link type, role and status.',
  });
  return yaml
    .trimEnd()
    .split('\n')
    .map((line) => `#${line}`)
    .join('\n');
}

/** One SSSOM/TSV row; `other` carries what SSSOM has no slot for (link type, role, status). */
export function sssomRow(row: MappingRow): Record<(typeof sssomColumns)[number], string> {
  const m = toMapping(row);
  const other = [`link_type=${m.link_type}`, `status=${m.status}`, ...(m.role ? [`role=${m.role}`] : [])].join('|');
  return {
    subject_id: m.subject_id,
    subject_label: m.subject_label ?? '',
    predicate_id: m.predicate_id,
    object_id: m.object_id,
    object_label: m.object_label ?? '',
    mapping_justification: m.mapping_justification,
    author_id: m.author_id,
    mapping_date: m.mapping_date,
    confidence: m.confidence === undefined ? '' : String(m.confidence),
    see_also: m.see_also ?? '',
    comment: m.comment,
    other,
  };
}
