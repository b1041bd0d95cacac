import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { run } from '../db/db.js';
import { readGapCounts } from '../db/gaps.js';
import { type AnyGap, gapQueryParams, gapRowToItem } from '../domain/gaps.js';
import type { Language } from '../lib/i18n/languages.js';
import { conditionalRead } from '../lib/conditional.js';
import { RevisionLru } from '../lib/matrix-cache.js';
import { type ExportFormat, sendExport } from '../lib/streamed-read.js';
import type { GapKind } from '../schemas/gaps.js';

export interface GapsAnswer {
  counts: Record<string, number>;
  data: Record<string, AnyGap[]>;
}

/**
 * The roadmap's gaps: cypher/gaps/count/<kind>.cypher and cypher/gaps/<kind>.cypher, each row
 * turned into an item with its reason by src/domain/gaps.ts. Computed answers are cached per
 * revision, and only once the consistent read has proved that revision committed.
 */
export class GapsRepository {
  private readonly cache = new RevisionLru<GapsAnswer>(32);

  /** The counts of `kinds` and one page of each (none when `limit` is 0), at one committed revision. */
  async pages(
    reply: FastifyReply,
    request: {
      kind: GapKind | undefined;
      kinds: GapKind[];
      limit: number;
      offset: number;
      language: Language;
      /** "Past due" is judged on this day (ISO date): it is part of the cache key and the ETag variant. */
      today: string;
    },
  ): Promise<{ revision: number; answer: GapsAnswer }> {
    const { kind, kinds, limit, offset, language, today } = request;
    const key = `kind=${kind ?? ''}&limit=${limit}&offset=${offset}&lang=${language}&on=${today}`;
    return conditionalRead(reply.request, reply, `gaps?${key}#json`, async (tx, revision, whenConsistent) => ({
      revision,
      answer: await this.cache.getOrCompute(
        revision,
        key,
        async () => {
          const counts = await readGapCounts(tx, kinds, today);
          const data: Record<string, AnyGap[]> = {};
          for (const k of kinds) {
            if (limit === 0) data[k] = [];
            else {
              const rows = await run(tx, `gaps/${k}`, gapQueryParams({ limit, offset }, language, today));
              data[k] = rows.map((row) => gapRowToItem[k](row));
            }
          }
          return { value: { counts, data }, cacheable: true };
        },
        // Cached only once the consistent read proved this state committed (src/db/consistency.ts).
        whenConsistent,
      ),
    }));
  }

  /**
   * Every item of `kinds`, unpaged, as a streamed export (src/lib/streamed-read.ts): each row as
   * `toRow` makes it from the kind and its item.
   */
  export(
    reply: FastifyReply,
    variant: string,
    kinds: GapKind[],
    language: Language,
    today: string,
    toRow: (kind: GapKind, item: AnyGap) => Record<string, unknown>,
    format: ExportFormat,
  ): Promise<FastifyReply> {
    const parts = kinds.map((k) => ({
      query: `gaps/${k}`,
      params: gapQueryParams({ limit: null, offset: 0 }, language, today),
      toRow: (row: Record<string, unknown>) => toRow(k, gapRowToItem[k](row)),
    }));
    return sendExport(reply.request, reply, variant, parts, format);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    gaps: GapsRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('gaps', new GapsRepository());
  },
  {
    name: 'gaps-repository',
    dependencies: ['neo4j'],
  },
);
