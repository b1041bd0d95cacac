import { z } from 'zod';
import { anyLinkRoleSchema } from '../domain/enums.js';
import { actionLineIdSchema, fromUrl, gdcCommitmentIdSchema, sdgTargetIdSchema, urlInteger } from '../domain/ids.js';
import { langQuery, languageSchema } from '../lib/i18n/languages.js';
import { rankingRules } from '../lib/helpdesk/ranking.js';
import { linkStatusSchema, revisionMetaSchema, sourceSchema } from './common.js';
import { searchTextSchema } from './search.js';

const questionKeys = ['q', 'target', 'commitment', 'actionLine'] as const;

export const helpdeskQuery = z
  .object({
    q: searchTextSchema.optional().describe('The question in words, e.g. cybersecurity, e-agriculture, AI ethics'),
    target: sdgTargetIdSchema.optional().describe('Who works on this SDG target, e.g. 5.b'),
    commitment: gdcCommitmentIdSchema.optional().describe('Who works on this GDC commitment, e.g. 13a'),
    actionLine: actionLineIdSchema.optional().describe('Who facilitates this action line, e.g. C5'),
    limit: fromUrl(urlInteger({ min: 1, max: 50 }).default(10)).describe('Contacts to return, 1–50'),
  })
  .extend(langQuery.shape)
  .strict()
  .superRefine((query, ctx) => {
    const given = questionKeys.filter((k) => query[k] !== undefined);
    if (given.length !== 1) {
      for (const key of given.length ? given : questionKeys) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message:
            given.length === 0
              ? 'ask with exactly one of q, target, commitment, actionLine'
              : `only one of ${given.join(', ')} may be given`,
        });
      }
    }
  });

const chainLinkSchema = z.object({
  type: z.enum([
    'FACILITATES',
    'RESPONSIBLE_FOR',
    'ALIGNS_WITH',
    'SUPPORTS',
    'CONTRIBUTES_TO',
    'PART_OF',
    'OF',
    'MEASURES',
  ]),
  from: z.string(),
  to: z.string(),
  role: z.string().nullable(),
  status: linkStatusSchema,
  confidence: z.string().nullable(),
  source: sourceSchema,
});

const relationSchema = z
  .enum(['named', 'facilitator', 'responsible'])
  .describe('named: the entity itself matches the question; facilitator: FACILITATES; responsible: RESPONSIBLE_FOR');
const roleSchema = anyLinkRoleSchema.nullable().describe('Role of the entity’s own link (null when named)');

const reasonSchema = z.object({
  text: z.string().describe('The chain in words, e.g. "ITU — lead facilitator of C5 (…), which supports target 16.a"'),
  start: z.object({ kind: z.string(), id: z.string() }).describe('The matched node this chain leads to'),
  depth: z.number().int().describe('0 named, 1 direct link, 2–3 through other nodes'),
  relation: relationSchema,
  role: roleSchema,
  status: z.enum(['endorsed', 'proposed']).describe('endorsed when every link of the chain is'),
  links: z.array(chainLinkSchema).describe('The links of the chain, from the entity on, with their sources'),
});

export const contactSchema = z
  .object({
    rank: z.number().int(),
    entity: z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string().nullable(),
      ungisMember: z.boolean().nullable(),
    }),
    relation: relationSchema,
    role: roleSchema,
    status: z.enum(['endorsed', 'proposed']),
    direct: z.boolean().describe('Named, or linked directly to what was asked about'),
    reasonCount: z.number().int(),
    reasons: z.array(reasonSchema).describe('Best reasons first (at most 5)'),
  })
  .meta({ id: 'HelpdeskContact' });

export const helpdeskAnswerSchema = z.object({
  data: z.object({
    found: z.boolean().describe('Whether any UN entity can be named'),
    message: z.string(),
    matched: z
      .array(z.object({ kind: z.string(), id: z.string(), title: z.string(), relevance: z.number() }))
      .describe('The roadmap nodes the question was routed from, with relevance relative to the best (1)'),
    contacts: z.array(contactSchema),
    suggestions: z.array(z.string()).describe('Closest known terms when nothing matched'),
  }),
  meta: revisionMetaSchema.extend({
    language: languageSchema,
    totalContacts: z.number().int(),
    rules: z.array(z.string()).describe('The ranking rules, in the order they apply'),
  }),
});

export const helpdeskDescription =
  'Answers “which UN entities should I contact about …?” from the roadmap graph — a liaison, not advice. ' +
  'Ask in words (`q`, routed through /v1/search: hits scoring at least 30% of the best, at most 15, GDC ' +
  'objectives excluded as too broad) or by id (`target`, `commitment`, `actionLine`). Each contact comes ' +
  'with the chains of links that lead to it, their statuses and sources. Ranking rules, in order: ' +
  rankingRules.map((r, i) => `(${i + 1}) ${r}`).join('; ') +
  '. When nothing matches, `found` is false, `message` says so and `suggestions` lists the closest known ' +
  'terms. Retired links are never used. SDG labels follow `?lang=` / Accept-Language; the rest is English.';
