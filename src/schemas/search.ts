import { z } from 'zod';
import { fromUrl, urlInteger } from '../domain/ids.js';
import { langQuery, languageSchema } from '../lib/i18n/languages.js';
import { searchKindNames, textFields } from '../lib/search/kinds.js';
import { listMetaSchema } from './common.js';

export const SEARCH_MAX_CHARS = 200;

export const searchKindSchema = z
  .enum(searchKindNames)
  .meta({ id: 'SearchKind', description: 'Kind of a searchable roadmap node' });

/** The question of /v1/search and /v1/helpdesk: 1–200 characters once trimmed. */
export const searchTextSchema = z
  .string()
  .trim()
  .min(1, 'q must not be empty (1–200 characters)')
  .max(SEARCH_MAX_CHARS, `q must be at most ${SEARCH_MAX_CHARS} characters`);

export const searchQuery = z
  .object({
    q: searchTextSchema.describe(
      `What to look for, 1–${SEARCH_MAX_CHARS} characters. Plain words by default: punctuation and Lucene ` +
        'operators are treated as text, typos are forgiven (edit distance 1 for 4–6 letters, 2 above), word ' +
        'forms match through each language’s stemming, and compounds the index does not know are split ' +
        '("cybersecurity" also looks for "security").',
    ),
    kind: searchKindSchema.optional().describe('Only this kind of node'),
    syntax: z
      .enum(['words', 'lucene'])
      .default('words')
      .describe('lucene: q is raw Lucene query syntax (fields, wildcards, boolean operators); invalid syntax is 400'),
    limit: fromUrl(urlInteger({ min: 1, max: 100 }).default(20)).describe('Page size, 1–100'),
    offset: fromUrl(urlInteger({ min: 0, max: 10_000 }).default(0)).describe('Hits to skip, 0–10000'),
  })
  .extend(langQuery.shape);

export const searchHitSchema = z
  .object({
    kind: searchKindSchema,
    id: z.string().describe('Node id as a string (an SDG is "3")'),
    title: z.string().describe('Label in the served language when translated (SDG kinds), else English'),
    url: z.string().describe('API path of the node'),
    score: z.number().describe('Lucene relevance; higher is better; only comparable within one response'),
    matchedField: z.enum(textFields).describe('The field where most query words were found'),
    matchedLanguage: languageSchema.describe('Language of the matched text'),
    snippet: z
      .string()
      .describe('The matched text around the first match, HTML-escaped, matches wrapped in <mark>…</mark>'),
  })
  .meta({ id: 'SearchHit' });

export const searchResultSchema = z.object({
  data: z.array(searchHitSchema),
  meta: listMetaSchema.extend({
    language: languageSchema.describe('Language served (also in Content-Language)'),
    query: z.string().describe('The Lucene query that was run'),
    suggestions: z.array(z.string()).describe('Closest known terms, when nothing matched'),
  }),
});
