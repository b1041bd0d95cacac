import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { ManagedTransaction } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { CloseEarly } from '../db/consistency.js';
import { run } from '../db/db.js';
import { asQueryError } from '../db/errors.js';
import { type LinkRow, MatrixBuilder, matrixParams, memberSetsOf } from '../domain/matrix.js';
import type { Pivot } from '../domain/matrix-pivots.js';
import { conditionalRead, revisionCommittedAt } from '../lib/conditional.js';
import type { Language } from '../lib/i18n/languages.js';
import { RevisionLru } from '../lib/matrix-cache.js';
import { badRequest } from '../lib/problems.js';
import type { Matrix, MatrixMember, MatrixQuery } from '../schemas/matrix.js';

export interface MatrixRead {
  query: MatrixQuery;
  pivot: Pivot;
  language: Language;
  /** The normalised query (src/domain/matrix.ts): the cache key within a revision. */
  normalized: string;
  /** The representation (format, headers, layout): part of the ETag. */
  variant: string;
  /** Whether the revision's commit time is wanted (XLSX stamps it, not the wall clock). */
  withCommittedAt: boolean;
}

/**
 * The joint roadmap matrix: the two member lists (cypher/matrix/members/), then the pivot's links
 * (cypher/matrix/<family>.cypher) as a stream of small records folded into sparse cells
 * (src/domain/matrix.ts). Computed matrices are cached per (revision, normalised query), and stored
 * only once the consistent read has proved that revision committed.
 */
export class MatrixRepository {
  private readonly cache = new RevisionLru<Matrix>(64);

  read(reply: FastifyReply, read: MatrixRead): Promise<{ revision: number; committedAt: string; matrix: Matrix }> {
    const { query, pivot, language, normalized, variant, withCommittedAt } = read;
    return conditionalRead(
      reply.request,
      reply,
      variant,
      async (tx, revision, whenConsistent, closeEarly) => ({
        revision,
        committedAt: withCommittedAt ? await revisionCommittedAt(tx, revision) : '',
        matrix: await this.cache.getOrCompute(
          revision,
          normalized,
          // Stored only once the consistent read proved this state committed (no second revision read here).
          async () => ({ value: await computeMatrix(tx, query, pivot, language, closeEarly), cacheable: true }),
          whenConsistent,
        ),
      }),
      // The links query is the last one: the closing check goes with it (one round trip less).
      { pipelinedClose: true },
    );
  }
}

/** Reads a matrix inside the caller's read transaction; an unknown `entity` filter is a 400. */
async function computeMatrix(
  tx: ManagedTransaction,
  query: MatrixQuery,
  pivot: Pivot,
  language: Language,
  closeEarly: CloseEarly,
): Promise<Matrix> {
  const params = matrixParams(query, language);
  if (query.entity !== undefined) {
    const [known] = await run<{ entityKnown: boolean }>(tx, 'matrix/entity-known', params);
    if (!known?.entityKnown) {
      throw badRequest(`No entity ${query.entity}.`, [
        { path: 'query.entity', message: `unknown entity ${query.entity}` },
      ]);
    }
  }
  const sets = memberSetsOf(query);
  // Both member lists are sent at once (the driver pipelines them in the transaction): Neo4j reads
  // the columns while this process decodes the rows.
  const [rows, otherColumns] = await Promise.all([
    run<MatrixMember>(tx, `matrix/members/${sets.rows}`, params),
    sets.cols === sets.rows ? undefined : run<MatrixMember>(tx, `matrix/members/${sets.cols}`, params),
  ]);
  const columns = otherColumns ?? rows;
  const builder = new MatrixBuilder(query, rows, columns);
  try {
    const links = tx.run(cypher(`matrix/${pivot.family}`), params);
    closeEarly(); // no query follows the links
    for await (const record of links) builder.add(record.toObject() as LinkRow);
  } catch (error) {
    throw asQueryError(error);
  }
  return builder.matrix();
}

declare module 'fastify' {
  interface FastifyInstance {
    matrix: MatrixRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('matrix', new MatrixRepository());
  },
  {
    name: 'matrix-repository',
    dependencies: ['neo4j'],
  },
);
