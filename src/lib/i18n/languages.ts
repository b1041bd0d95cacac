import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addVary } from '../conditional.js';

/**
 * The six official UN languages. SDG goal, target and indicator labels exist in all six (from
 * open-sdg/sdg-translations); action lines, GDC texts and entity names exist in English only.
 */
export const languages = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'en';

export const languageSchema = z.enum(languages).meta({
  id: 'Language',
  description:
    'One of the six UN languages (ISO 639-1): ar, zh (simplified Chinese), en, fr, ru, es. Only SDG goal, ' +
    'target and indicator labels are translated; action lines, GDC texts and entity names stay English.',
});

/**
 * `?lang=` as every language-aware read takes it: any string is accepted, because a language we do
 * not have falls back to English (said in Content-Language) rather than failing the read.
 */
export const langQuery = z.object({
  lang: z
    .string()
    .max(35)
    .optional()
    .describe(
      'Language of the SDG labels (ar, zh, en, fr, ru, es; a region such as fr-CH or zh-Hans counts as its ' +
        'language). Wins over Accept-Language. Anything else falls back to English; Content-Language says ' +
        'what was served.',
    ),
});

/** "fr-CH" → "fr", "zh-Hans-CN" → "zh"; undefined when not one of ours. */
export function supportedLanguage(tag: string): Language | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (languages as readonly string[]).includes(primary) ? (primary as Language) : undefined;
}

/** RFC 9110 Accept-Language: the supported language with the highest q (first listed on ties). */
export function fromAcceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    if (range.tag === '*') return defaultLanguage;
    const language = supportedLanguage(range.tag);
    if (language) return language;
  }
  return undefined;
}

/** The language of a read: `?lang=` first, then Accept-Language, else English. */
export function chooseLanguage(request: FastifyRequest): Language {
  const explicit = (request.query as { lang?: unknown } | undefined)?.lang;
  if (typeof explicit === 'string' && explicit) {
    return supportedLanguage(explicit) ?? defaultLanguage;
  }
  const header = request.headers['accept-language'];
  return fromAcceptLanguage(Array.isArray(header) ? header.join(',') : header) ?? defaultLanguage;
}

/**
 * Chooses the language of a read and says so: Content-Language names what is served, and
 * Vary tells caches that Accept-Language changes the representation.
 */
export function negotiateLanguage(request: FastifyRequest, reply: FastifyReply): Language {
  const language = chooseLanguage(request);
  reply.header('content-language', language);
  addVary(reply, 'Accept-Language');
  return language;
}

/** Arabic is written right to left: spreadsheets in Arabic mirror their sheets. */
export const isRightToLeft = (language: Language) => language === 'ar';

/** Graph property holding a label in a language: title → title (en), title_fr, title_zh, ... */
export const localProperty = (property: string, language: Language) =>
  language === 'en' ? property : `${property}_${language}`;
