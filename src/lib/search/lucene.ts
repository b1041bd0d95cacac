/**
 * Turns what a person typed into a Lucene query that cannot break: the words are cut out of the
 * input (letters and digits only), so quotes, brackets, colons, AND/OR/NOT, wildcards and
 * backslashes never reach the parser as syntax. Raw Lucene syntax is only ever passed on when the
 * caller asks for it explicitly (?syntax=lucene).
 */

/** Lower-cased words of the input, in order, without duplicates. */
export function words(input: string): string[] {
  const found =
    input
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(found)];
}

/**
 * Lucene's English stop words. The analyzer drops them from analysed terms, but fuzzy and prefix
 * terms are not analysed, so `and*` would match "android": such words get no fuzzy or prefix clause
 * and are not highlighted.
 */
export const stopWords: ReadonlySet<string> = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);

/** Han, Hiragana, Katakana and Hangul have no spaces between words: the CJK analyzer makes bigrams. */
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Lucene edit distance for a typo: none below 4 letters (too many false friends), 1 up to 6, else 2. */
export function editDistanceFor(word: string): 0 | 1 | 2 {
  if (cjk.test(word) || /^\p{N}+$/u.test(word) || word.length < 4) return 0;
  return word.length <= 6 ? 1 : 2;
}

/**
 * Splits a compound the index does not know into parts it knows: "cybersecurity" → "security",
 * "ehealth" → "health". Only parts of at least four letters that occur in the vocabulary count.
 */
export function compoundParts(word: string, vocabulary: ReadonlySet<string>): string[] {
  if (word.length < 7 || vocabulary.has(word) || cjk.test(word)) return [];
  const parts = new Set<string>();
  for (let cut = 3; cut <= word.length - 4; cut++) {
    const head = word.slice(0, cut);
    const tail = word.slice(cut);
    if (vocabulary.has(tail)) parts.add(tail);
    if (head.length >= 4 && vocabulary.has(head)) parts.add(head);
  }
  return [...parts];
}

export interface BuiltQuery {
  /** The Lucene query sent to the index. */
  lucene: string;
  /** Every word the query looks for (typed words and compound parts), for highlighting. */
  terms: string[];
}

/**
 * One clause per word, OR-ed (Lucene's default): the analysed word (stemmed by the index's
 * analyzer, boosted), a fuzzy variant for typos and a prefix for words being typed; the whole
 * input as a phrase, boosted, when it has several words; compound parts at a lower weight.
 */
export function buildQuery(input: string, vocabulary: ReadonlySet<string>): BuiltQuery {
  const typed = words(input);
  const clauses: string[] = [];
  const terms = new Set<string>();
  for (const word of typed) {
    clauses.push(`${word}^3`);
    if (stopWords.has(word)) continue;
    terms.add(word);
    const distance = editDistanceFor(word);
    if (distance > 0) clauses.push(`${word}~${distance}`);
    if (word.length >= 4 && !cjk.test(word)) clauses.push(`${word}*`);
    for (const part of compoundParts(word, vocabulary)) {
      terms.add(part);
      clauses.push(`${part}^2`);
    }
  }
  if (typed.length > 1) clauses.push(`"${typed.join(' ')}"^4`);
  return { lucene: clauses.join(' '), terms: [...terms] };
}
