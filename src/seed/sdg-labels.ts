import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { sourceSchema } from './schema.js';

/**
 * seed/sdg-labels.json: SDG goal, target and indicator labels in the five UN languages besides
 * English (English lives in the records of sdgs.json, sdg-targets.json, sdg-indicators.json).
 * The loader stores them on the nodes as title_<lang> / shortTitle_<lang>, so the per-language
 * full-text indexes (migration 006) can search them with the analyzer of their language.
 */
export const sdgLabelsFile = 'sdg-labels.json';

const translatedLanguages = ['ar', 'zh', 'fr', 'ru', 'es'] as const;
const text = z.string().trim().min(1);
const perLanguage = <T extends z.ZodType>(value: T) => z.partialRecord(z.enum(translatedLanguages), value);

export const sdgLabelsSchema = z.strictObject({
  source: sourceSchema,
  goals: z.record(z.string(), perLanguage(z.strictObject({ title: text.optional(), shortTitle: text.optional() }))),
  targets: z.record(z.string(), perLanguage(text)),
  indicators: z.record(z.string(), perLanguage(text)),
});
export type SdgLabels = z.infer<typeof sdgLabelsSchema>;

/** Reads and validates the labels; a missing file means no translations (English only). */
export async function readSdgLabels(dir: string): Promise<SdgLabels | undefined> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, sdgLabelsFile), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return sdgLabelsSchema.parse(JSON.parse(raw));
}

type Props = Record<string, string | null>;

/** Provenance of the translated labels, flattened like every other source property. */
function labelsProvenance(labels: SdgLabels): Props {
  return { labelsSourceDocument: labels.source.document, labelsSourceUrl: labels.source.url };
}

/** title_<lang> and shortTitle_<lang> of one goal (null clears a label the source dropped). */
export function goalLabelProps(labels: SdgLabels | undefined, goal: string): Props {
  if (!labels) return {};
  const props: Props = labelsProvenance(labels);
  for (const language of translatedLanguages) {
    const label = labels.goals[goal]?.[language];
    props[`title_${language}`] = label?.title ?? null;
    props[`shortTitle_${language}`] = label?.shortTitle ?? null;
  }
  return props;
}

/** title_<lang> of one target or indicator. */
export function titleLabelProps(labels: SdgLabels | undefined, kind: 'targets' | 'indicators', id: string): Props {
  if (!labels) return {};
  const props: Props = labelsProvenance(labels);
  for (const language of translatedLanguages) props[`title_${language}`] = labels[kind][id]?.[language] ?? null;
  return props;
}
