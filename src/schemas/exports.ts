import { z } from 'zod';
import { langQuery } from '../lib/i18n/languages.js';
import { linkStatusSchema } from './common.js';
import { linkTypeSchema } from './links.js';

const nodeIdFilter = z.string().min(1).max(100);

/** The filters of /v1/links, so an export can be exactly the links a client is looking at. */
export const exportQuery = z
  .object({
    type: linkTypeSchema.optional(),
    from: nodeIdFilter.optional().describe('Id of the source node, e.g. ITU or C2'),
    to: nodeIdFilter.optional().describe('Id of the target node, e.g. C2, 11a, 5.b or 5'),
    status: linkStatusSchema.optional(),
  })
  .extend(langQuery.shape)
  .strict();

export const jsonLdSchema = z
  .looseObject({
    '@context': z.record(z.string(), z.unknown()),
    '@graph': z.array(z.record(z.string(), z.unknown())),
  })
  .describe('JSON-LD 1.1: one sssom:MappingSet with its mappings, then the SKOS triples between the concepts');

export const predicateDoc =
  'Predicates per link type: SUPPORTS (action line → SDG target or goal) and CONTRIBUTES_TO (GDC commitment → ' +
  'goal) are skos:relatedMatch — the line serves the target, it is neither the same concept nor a broader or ' +
  'narrower one; ALIGNS_WITH (action line → GDC commitment) is skos:closeMatch — the two frameworks name the ' +
  'same policy theme; FACILITATES and RESPONSIBLE_FOR link an organisation, which is not a concept, so they use ' +
  'the roadmap vocabulary (roadmap:facilitates, roadmap:responsibleFor) instead of SKOS. Goals and targets are ' +
  'named by their UN SDG KOS URIs (http://metadata.un.org/sdg/5.b); action lines, GDC commitments and entities ' +
  'by their URL in this API. mapping_justification is semapv:ManualMappingCuration (every link was curated from ' +
  'the document it cites); confidence converts the evidence grade (high 0.9, medium 0.6, low 0.3; empty when ' +
  'ungraded); author_id is the seed or the API key that created the link; mapping_date its creation date. ' +
  'Filters are those of /v1/links (type, from, to, status); without filters the whole graph is exported.';
