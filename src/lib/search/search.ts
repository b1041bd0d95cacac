import type { ManagedTransaction } from 'neo4j-driver';
import type { WhenConsistent } from '../../db/consistency.js';
import type { Db } from '../../db/db.js';
import { nodeKinds } from '../../domain/nodes.js';
import { type IndexHit, LuceneSyntaxError, queryIndex, readSearchTexts } from '../../db/search.js';
import { RevisionLru } from '../matrix-cache.js';
import { badRequest } from '../problems.js';
import { type Language, localProperty } from '../i18n/languages.js';
import { highlight } from './highlight.js';
import {
  kindOfLabel,
  type SearchKind,
  type SearchLabel,
  searchKinds,
  type TextField,
  textFields,
  translatedFields,
} from './kinds.js';
import { buildQuery, words } from './lucene.js';
import { suggest, vocabularyOf } from './vocabulary.js';

/** How many nodes each index is asked for; the graph has well under a thousand searchable nodes. */
const CANDIDATES = 1000;

export interface SearchRequest {
  q: string;
  language: Language;
  kinds?: SearchKind[];
  /** 'lucene' passes q to the index as Lucene syntax; 'words' (default) treats it as plain words. */
  syntax: 'words' | 'lucene';
  /** The page of hits to describe (matched field, snippet); highlighting every hit would cost more than the search. */
  window: { offset: number; limit: number };
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** The node's label in the served language (SDG labels) or English. */
  title: string;
  score: number;
  matchedField: TextField;
  /** Language of the matched field's text. */
  matchedLanguage: Language;
  snippet: string;
}

export interface SearchOutcome {
  /** Every hit counted, in rank order. */
  total: number;
  /** The hits of the requested window. */
  hits: SearchHit[];
  /** The Lucene query that was run (for transparency and debugging). */
  lucene: string;
  /** Closest known terms, when nothing matched. */
  suggestions: string[];
}

const vocabularies = new RevisionLru<Set<string>>(12);

/**
 * The word list of one graph revision and language, read once (see cypher/search/vocabulary.cypher);
 * kept only once the read proved consistent, so a list torn by a concurrent write is never reused.
 */
function vocabulary(
  tx: ManagedTransaction,
  revision: number,
  language: Language,
  whenConsistent: WhenConsistent,
): Promise<Set<string>> {
  return vocabularies.getOrCompute(
    revision,
    language,
    async () => ({ value: vocabularyOf(await readSearchTexts(tx, language)), cacheable: true }),
    whenConsistent,
  );
}

/** The node's label: localized for SDG kinds when there is one, else English. */
function titleOf(hit: IndexHit, language: Language): string {
  const t = hit.text;
  return (
    t[localProperty('shortTitle', language)] ??
    t[localProperty('title', language)] ??
    t.name ??
    t.label ??
    t.shortTitle ??
    t.title ??
    hit.id
  );
}

/** The field where the most query terms occur (ties: textFields order, served language first). */
function bestField(hit: IndexHit, terms: string[], language: Language) {
  const candidates: { field: TextField; language: Language; text: string }[] = [];
  for (const field of textFields) {
    if (language !== 'en' && translatedFields.includes(field)) {
      const local = hit.text[localProperty(field, language)];
      if (local) candidates.push({ field, language, text: local });
    }
    const english = hit.text[field];
    if (english) candidates.push({ field, language: 'en', text: english });
  }
  let best: { field: TextField; language: Language; snippet: string; found: number } | undefined;
  for (const c of candidates) {
    const { termsFound, snippet } = highlight(c.text, terms);
    if (!best || termsFound > best.found) best = { field: c.field, language: c.language, snippet, found: termsFound };
  }
  return best!;
}

/**
 * Raw Lucene syntax (`syntax=lucene`) is parsed by Neo4j in a transaction of its own before the
 * search: a query the index cannot parse fails the transaction it runs in, and inside the
 * consistent read that failure could not be told apart from a torn read (it would end as a 500).
 */
export async function checkLuceneSyntax(db: Db, lucene: string): Promise<void> {
  try {
    await db.read((tx) => queryIndex(tx, 'search_en', lucene, [], 1));
  } catch (error) {
    if (error instanceof LuceneSyntaxError) {
      throw badRequest(`q is not valid Lucene syntax: ${error.message}`, [
        { path: 'query.q', message: 'not valid Lucene syntax (syntax=lucene)' },
      ]);
    }
    throw error;
  }
}

/**
 * Full-text search over the roadmap: the English index (every text) and, for another language, that
 * language's index (SDG labels), merged by node with the best score, ranked by score then kind and
 * id. Each hit says which field matched, in which language, with a highlighted snippet.
 */
export async function searchRoadmap(
  tx: ManagedTransaction,
  revision: number,
  request: SearchRequest,
  whenConsistent: WhenConsistent,
): Promise<SearchOutcome> {
  const known = await vocabulary(tx, revision, request.language, whenConsistent);
  const built =
    request.syntax === 'lucene' ? { lucene: request.q, terms: words(request.q) } : buildQuery(request.q, known);
  if (!built.lucene) {
    throw badRequest('q has no letters or digits to search for.', [
      { path: 'query.q', message: 'must contain at least one letter or digit' },
    ]);
  }
  const labels = (request.kinds?.length ? request.kinds : (Object.keys(searchKinds) as SearchKind[])).map(
    (k) => searchKinds[k],
  );
  const indexes = request.language === 'en' ? ['search_en'] : [`search_${request.language}`, 'search_en'];
  const byNode = new Map<string, IndexHit>();
  try {
    for (const index of indexes) {
      for (const hit of await queryIndex(tx, index, built.lucene, labels, CANDIDATES)) {
        const key = `${hit.label}:${hit.id}`;
        const seen = byNode.get(key);
        if (!seen || hit.score > seen.score) byNode.set(key, hit);
      }
    }
  } catch (error) {
    if (error instanceof LuceneSyntaxError) {
      throw badRequest(`q is not valid Lucene syntax: ${error.message}`, [
        { path: 'query.q', message: 'not valid Lucene syntax (syntax=lucene)' },
      ]);
    }
    throw error;
  }
  const ranked = [...byNode.values()].sort(
    (a, b) => b.score - a.score || a.label.localeCompare(b.label) || a.id.localeCompare(b.id),
  );
  const { offset, limit } = request.window;
  const hits = ranked.slice(offset, offset + limit).map((hit): SearchHit => {
    const best = bestField(hit, built.terms, request.language);
    return {
      kind: kindOfLabel(hit.label as SearchLabel),
      id: hit.id,
      title: titleOf(hit, request.language),
      score: Math.round(hit.score * 1000) / 1000,
      matchedField: best.field,
      matchedLanguage: best.language,
      snippet: best.snippet,
    };
  });
  return {
    total: ranked.length,
    hits,
    lucene: built.lucene,
    suggestions: ranked.length ? [] : suggest(words(request.q), known),
  };
}

/** Where a hit can be read in full: the node kind's collection in the registry (src/domain/nodes.ts). */
export const urlOf = (kind: SearchKind, id: string): string =>
  `/v1/${nodeKinds[searchKinds[kind]].path}/${encodeURIComponent(id)}`;
