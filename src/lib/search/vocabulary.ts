import { distance } from 'fastest-levenshtein';
import { fold } from './highlight.js';

/** The words of a set of texts, lower-cased (as the index sees them), at least 2 characters long. */
export function vocabularyOf(texts: Iterable<string>): Set<string> {
  const vocabulary = new Set<string>();
  for (const text of texts) {
    for (const word of text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (word.length >= 2) vocabulary.add(word);
    }
  }
  return vocabulary;
}

/**
 * The closest terms of the vocabulary to what was typed, for "nothing matches — did you mean…":
 * up to `max` words within half the word's length in edits (accents ignored), nearest first, then
 * alphabetical. Words shorter than 3 letters get no suggestions.
 */
export function suggest(typed: string[], vocabulary: ReadonlySet<string>, max = 5): string[] {
  const scored = new Map<string, number>();
  for (const word of typed.filter((w) => w.length >= 3)) {
    const folded = fold(word);
    const limit = Math.max(2, Math.floor(folded.length / 2));
    for (const candidate of vocabulary) {
      if (candidate.length < 3 || candidate === word) continue;
      const d = distance(folded, fold(candidate));
      if (d <= limit && d < (scored.get(candidate) ?? Number.POSITIVE_INFINITY)) scored.set(candidate, d);
    }
  }
  return [...scored]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([word]) => word);
}
