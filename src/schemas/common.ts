import { z } from 'zod';
import { fromUrl, urlInteger } from '../domain/ids.js';

/** Where a node or link comes from: the official document, the place in it, and a URL when known. */
export const sourceSchema = z
  .object({
    document: z
      .string()
      .min(1)
      .describe('Official document or page, e.g. "Global Digital Compact, annex I to A/RES/79/1"'),
    locator: z.string().min(1).describe('Paragraph, section or row in that document, e.g. "para 11(a)"'),
    url: z.string().nullable().describe('Where to read it, when known'),
  })
  .meta({ id: 'Source' });
export type Source = z.infer<typeof sourceSchema>;

export { linkStatusSchema } from '../domain/enums.js';

export const paginationQuery = z.object({
  limit: fromUrl(urlInteger({ min: 1, max: 500 }).default(100)).describe('Page size, 1–500'),
  // Cypher list slices and SKIP take 32-bit integers: offset + limit must stay below 2^31.
  offset: fromUrl(urlInteger({ min: 0, max: 2 ** 31 - 1 - 500 }).default(0)).describe('Items to skip, 0–2147483147'),
});

export const listMetaSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

/** `{data: [...], meta: {total, limit, offset}}` for every list route. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), meta: listMetaSchema });
/** `{data: {...}}` for every item route. */
export const itemOf = <T extends z.ZodType>(item: T) => z.object({ data: item });

/** The entity tag of a graph revision as clients send it back in If-Match / If-None-Match. */
export const etagSchema = z
  .string()
  .regex(/^"r\d+"$/)
  .describe('The revision as an entity tag, quotes included, e.g. "r42": send it back as If-Match');

/** `meta` of a write and of reads computed at one revision: the revision and the tag to send back. */
export const revisionMetaSchema = z.object({
  revision: z.number().int().describe('Graph revision this body shows'),
  etag: etagSchema,
});

/** `{data: {...}, meta: {revision, etag}}` for every write that returns the written item. */
export const writtenOf = <T extends z.ZodType>(item: T) => z.object({ data: item, meta: revisionMetaSchema });

/** RFC 9457 problem details, as every error body is shaped. */
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({
    id: 'Problem',
    description:
      'RFC 9457 application/problem+json; some problems add extension members (412: `currentEtag`, 409: `currentLead`)',
  });

/** Standard error responses for the OpenAPI document (bodies are rendered by src/plugins/errors.ts). */
export const problemResponses = {
  400: problemSchema.describe('Invalid request (problem+json, errors name each bad field)'),
  404: problemSchema.describe('Unknown id (problem+json)'),
  503: problemSchema.describe('Neo4j unreachable (problem+json, Retry-After)'),
} as const;

/**
 * A boolean query parameter: documented as `type: boolean` (generated clients pass true/false),
 * accepted as the strings true/false (and 1/0) a URL carries.
 */
export const booleanQuery = z.preprocess(
  (value) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value),
  z.boolean({ error: 'must be true or false' }),
);

/** CSV for Excel: `?bom=true` starts the file with a UTF-8 byte order mark. */
export const bomQuery = z.object({
  bom: booleanQuery
    .default(false)
    .describe(
      'CSV only: true starts the file with a UTF-8 byte order mark, so Excel reads Arabic, Chinese or Russian labels as UTF-8',
    ),
});

/** Optional CSV output on list routes: `?format=csv` or `Accept: text/csv`. */
export const formatQuery = z.object({
  format: z.enum(['json', 'csv']).optional().describe('json (default) or csv; Accept: text/csv works too'),
});
