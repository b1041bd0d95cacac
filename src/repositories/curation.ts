import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { ManagedTransaction } from 'neo4j-driver';
import {
  type Actor,
  type CommitmentInput,
  createCommitment,
  renumberCommitment,
  retireCommitment,
} from '../curation/commitments.js';
import { getEntity, mergeEntity, retireEntity } from '../curation/entities.js';
import { readQuality } from '../curation/quality.js';
import {
  applyReferenceImport,
  planReferenceImport,
  type ReferenceKind,
  type ReferencePlan,
  type RowError,
} from '../curation/reference-import.js';
import { readOrTombstone } from '../curation/tombstones.js';
import { revoke, type VerificationInput, verificationOf, verify } from '../curation/verifications.js';
import { consistentRead } from '../db/consistency.js';
import { conditionalRead } from '../lib/conditional.js';
import { type PageRange, readPage } from './reads.js';

/**
 * Reference curation: GDC commitments and entities created, retired, renumbered or merged, the
 * verification trail, the reference import and the data-quality view. The rules and their Cypher
 * (cypher/curation/*.cypher) live in src/curation/; writes run inside the write path's transaction.
 */
export class CurationRepository {
  /** A read of a live commitment or entity; when the id is retired, renumbered or merged, its 410 or 301 instead. */
  readOrTombstone<T>(reply: FastifyReply, kind: 'commitment' | 'entity', id: string, read: () => Promise<T>) {
    return readOrTombstone(reply.server.db, kind, id, read);
  }

  createCommitment(tx: ManagedTransaction, input: CommitmentInput, actor: Actor) {
    return createCommitment(tx, input, actor);
  }

  retireCommitment(tx: ManagedTransaction, id: string, reason: string, actor: Actor) {
    return retireCommitment(tx, id, reason, actor);
  }

  renumberCommitment(
    tx: ManagedTransaction,
    id: string,
    to: { paragraph: number; letter: string | null },
    reason: string,
    actor: Actor,
  ) {
    return renumberCommitment(tx, id, to.paragraph, to.letter, reason, actor);
  }

  /** A retired or merged-away entity under this id (its id is never reused), or undefined. */
  async findRetiredEntity(tx: ManagedTransaction, id: string) {
    const entity = await getEntity(tx, id);
    return entity?.status === 'retired' ? entity : undefined;
  }

  retireEntity(tx: ManagedTransaction, id: string, reason: string, actor: Actor) {
    return retireEntity(tx, id, reason, actor);
  }

  mergeEntity(tx: ManagedTransaction, id: string, into: string, reason: string, actor: Actor) {
    return mergeEntity(tx, id, into, reason, actor);
  }

  verify(tx: ManagedTransaction, input: VerificationInput, actor: Actor) {
    return verify(tx, input, actor);
  }

  revoke(tx: ManagedTransaction, id: string, reason: string, actor: Actor) {
    return revoke(tx, id, reason, actor);
  }

  /** The verification trail, newest first. */
  async listVerifications(
    reply: FastifyReply,
    filters: { target: string | null; active: boolean | null },
    page: PageRange,
  ) {
    const found = await readPage<Record<string, unknown>>(reply, 'curation/verification-list', filters, page);
    return { data: found.data.map(verificationOf), meta: found.meta };
  }

  /** GET /v1/quality, one consistent state; `format` is part of the ETag (JSON and CSV are different bytes). */
  quality(reply: FastifyReply, format: string) {
    return conditionalRead(reply.request, reply, `quality#${format}`, (tx, revision) => readQuality(tx, revision));
  }

  /** A reference import's dry run: the diff against one consistent state, and that state's revision. */
  async dryRunImport(
    reply: FastifyReply,
    kind: ReferenceKind,
    rows: Record<string, unknown>[],
    preErrors: RowError[],
  ): Promise<{ plan: ReferencePlan; revision: number }> {
    const { value: plan, revision } = await consistentRead(reply.server.db, (tx) =>
      planReferenceImport(tx, kind, rows, preErrors),
    );
    return { plan, revision };
  }

  planImport(tx: ManagedTransaction, kind: ReferenceKind, rows: Record<string, unknown>[], preErrors: RowError[]) {
    return planReferenceImport(tx, kind, rows, preErrors);
  }

  applyImport(tx: ManagedTransaction, kind: ReferenceKind, plan: ReferencePlan, actor: Actor, reason: string) {
    return applyReferenceImport(tx, kind, plan, actor, reason);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    curation: CurationRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('curation', new CurationRepository());
  },
  {
    name: 'curation-repository',
    dependencies: ['neo4j'],
  },
);
