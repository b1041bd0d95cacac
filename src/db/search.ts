import type { ManagedTransaction } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { run } from './db.js';

/** One node found by a full-text index, with the text properties the service highlights. */
export interface IndexHit {
  label: string;
  id: string;
  score: number;
  text: Record<string, string | null>;
}

/** A Lucene query the index could not parse (only possible with raw syntax). */
export class LuceneSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LuceneSyntaxError';
  }
}

/** Asks one full-text index (cypher/search/query.cypher) for its best `candidates` nodes of `labels`. */
export async function queryIndex(
  tx: ManagedTransaction,
  index: string,
  lucene: string,
  labels: string[],
  candidates: number,
): Promise<IndexHit[]> {
  try {
    return await run<IndexHit & Record<string, unknown>>(tx, 'search/query', {
      index,
      query: lucene,
      labels,
      candidates: neo4j.int(candidates),
    });
  } catch (error) {
    const message = (error as { message?: string }).message ?? '';
    if (/ParseException|Cannot parse|Lexical error|TooManyClauses/i.test(message)) {
      throw new LuceneSyntaxError(message.split('\n')[0] ?? message);
    }
    throw error;
  }
}

/** Every searchable text in English and in `language` (cypher/search/vocabulary.cypher). */
export async function readSearchTexts(tx: ManagedTransaction, language: string): Promise<string[]> {
  const rows = await run<{ texts: string[] }>(tx, 'search/vocabulary', { language });
  return rows.flatMap((r) => r.texts);
}
