import { distance } from 'fastest-levenshtein';
import { editDistanceFor } from './lucene.js';

/** Case and accent-insensitive form of a word, for comparing what was typed with what is stored. */
export const fold = (word: string) =>
  word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/u;

/**
 * Whether a word of the text is a form of a query term, roughly as the index matched it: equal,
 * the term is a prefix of it, the two share a stem (a common start of at least 4 letters that
 * leaves at most 3 letters of either: ethics/ethical, agriculture/agricultural), or within the
 * typo distance the query used.
 */
export function sameWord(word: string, term: string): boolean {
  const w = fold(word);
  const t = fold(term);
  if (w === t) return true;
  if (t.length >= 3 && w.startsWith(t)) return true;
  let common = 0;
  while (common < w.length && common < t.length && w[common] === t[common]) common++;
  if (common >= 4 && common >= Math.max(w.length, t.length) - 3) return true;
  const allowed = editDistanceFor(t);
  return allowed > 0 && Math.abs(w.length - t.length) <= allowed && distance(w, t) <= allowed;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface Highlight {
  /** How many distinct query terms occur in the text. */
  termsFound: number;
  /** The text (cut to a window around the first match) with matches in <mark>…</mark>, HTML-escaped. */
  snippet: string;
}

const SNIPPET_CHARS = 160;

/** Marks the words of `text` that match `terms`; CJK terms match as substrings (no spaces to split on). */
export function highlight(text: string, terms: string[]): Highlight {
  const ranges: [number, number][] = [];
  const found = new Set<string>();
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    const start = match.index;
    if (cjkRun.test(word)) {
      for (const term of terms.filter((t) => cjkRun.test(t))) {
        // The CJK analyzer matches bigrams: look for the term, else for any two-character piece of it.
        const pieces = term.length > 2 ? [term, ...[...term].slice(0, -1).map((_, i) => term.slice(i, i + 2))] : [term];
        for (const piece of pieces) {
          const at = word.indexOf(piece);
          if (at >= 0) {
            ranges.push([start + at, start + at + piece.length]);
            found.add(term);
            break;
          }
        }
      }
      continue;
    }
    const term = terms.find((t) => sameWord(word, t));
    if (term) {
      ranges.push([start, start + word.length]);
      found.add(term);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const first = ranges[0]?.[0] ?? 0;
  const windowStart = text.length <= SNIPPET_CHARS || first < SNIPPET_CHARS / 3 ? 0 : first - SNIPPET_CHARS / 3;
  const windowEnd = Math.min(text.length, windowStart + SNIPPET_CHARS);
  let snippet = windowStart > 0 ? '…' : '';
  let at = windowStart;
  for (const [from, to] of ranges) {
    if (from < at || to > windowEnd) continue;
    snippet += `${escapeHtml(text.slice(at, from))}<mark>${escapeHtml(text.slice(from, to))}</mark>`;
    at = to;
  }
  snippet += escapeHtml(text.slice(at, windowEnd)) + (windowEnd < text.length ? '…' : '');
  return { termsFound: found.size, snippet };
}
