import type { FastifyReply, FastifyRequest } from 'fastify';
import { addVary } from '../../conditional.js';
import { chooseLanguage, type Language } from '../languages.js';
import { ar } from './ar.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import type { ColumnKey, ColumnLabels, HeaderMode } from './keys.js';
import { ru } from './ru.js';
import { zh } from './zh.js';

export { type ColumnKey, columnKeys, type HeaderMode, headerModes, headersQuery } from './keys.js';

/**
 * Column headers of every CSV and XLSX export, one table per language. The English table is the
 * project's own wording; the ar, zh, fr, ru and es tables are translations written for this project
 * (UN terms used where the project knows them: ODD/ODS/ЦУР, "grande orientation" for a WSIS action
 * line, the Global Digital Compact's name in each language), not official UN translations. SDG
 * labels in the data are the published ones (open-sdg/sdg-translations); only headers come from here.
 */
export const columnLabels: Record<Language, ColumnLabels> = { ar, zh, en, fr, ru, es };

export const COLUMN_LABELS_NOTE =
  'Column headers: `headers=keys` writes the stable column keys (the same in every language, for programs); ' +
  '`headers=labels` writes them as words in the chosen language. Default: CSV in English keeps the keys (as ' +
  'before headers were translated); CSV in any other language and every XLSX use labels. The ar, zh, fr, ru ' +
  'and es headers are project translations, not official UN ones; SSSOM column names are never translated.';

/** The headers of one export: which language, and whether keys or labels are written. */
export interface ExportHeaders {
  language: Language;
  mode: HeaderMode;
}

/** English CSV keeps today's machine keys unless labels are asked for; anything a person reads gets labels. */
export function chooseHeaders(language: Language, asked: HeaderMode | undefined, format: string): ExportHeaders {
  return { language, mode: asked ?? (format === 'csv' && language === 'en' ? 'keys' : 'labels') };
}

/** The part of an ETag variant that the headers change: two header choices never share an ETag. */
export const headersVariant = (headers: ExportHeaders) => `lang=${headers.language}&headers=${headers.mode}`;

/** One column's header. */
export function headerOf(key: ColumnKey, headers: ExportHeaders): string {
  return headers.mode === 'keys' ? key : columnLabels[headers.language][key];
}

/** Columns for the CSV writer: each key with the header it is written under. */
export function localizedColumns(
  keys: readonly ColumnKey[],
  headers: ExportHeaders,
): { key: string; header: string }[] {
  return keys.map((key) => ({ key, header: headerOf(key, headers) }));
}

/** The title of a matrix axis (always words: it names a sheet's corner and columns). */
export function axisTitle(axis: string, language: Language): string {
  return columnLabels[language][`axis:${axis}` as ColumnKey] ?? axis;
}

/** "<axis title> label" in a language. */
export const labelColumnOf = (title: string, language: Language) =>
  columnLabels[language].labelOf.replace('{0}', title);

/**
 * For exports whose data is English (links, coverage history): the headers' language decides
 * Content-Language, which is English for JSON and for key headers.
 */
export function negotiateHeaderLanguage(
  request: FastifyRequest,
  reply: FastifyReply,
  format: string,
  asked: HeaderMode | undefined,
): ExportHeaders {
  const headers = chooseHeaders(chooseLanguage(request), asked, format);
  reply.header('content-language', format !== 'json' && headers.mode === 'labels' ? headers.language : 'en');
  addVary(reply, 'Accept-Language');
  return headers;
}
