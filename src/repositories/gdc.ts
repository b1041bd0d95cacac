import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { run } from '../db/db.js';
import { nodeKinds } from '../domain/nodes.js';
import type { editedCommitmentSchema } from '../schemas/commitment-edits.js';
import type {
  gdcCommitmentDetailSchema,
  gdcCommitmentSchema,
  gdcObjectiveDetailSchema,
  gdcObjectiveSchema,
  gdcSectionSchema,
} from '../schemas/gdc.js';
import { type PageRange, readItem, readPage } from './reads.js';

type Objective = z.infer<typeof gdcObjectiveSchema>;
type ObjectiveDetail = z.infer<typeof gdcObjectiveDetailSchema>;
type Commitment = z.infer<typeof gdcCommitmentSchema>;
type CommitmentDetail = z.infer<typeof gdcCommitmentDetailSchema>;
type EditedCommitment = z.infer<typeof editedCommitmentSchema>;

/**
 * The Global Digital Compact: objectives and commitments. Reads: cypher/gdc/*.cypher; edits
 * (inside the write path's transaction): cypher/editing/commitment-*.cypher. Objective ids are
 * integers in the API and strings ("1".."5") in the graph: converted here.
 */
export class GdcRepository {
  listObjectives(reply: FastifyReply, page: PageRange) {
    return readPage<Objective>(reply, nodeKinds.GdcObjective.queries.list, {}, page);
  }

  getObjective(reply: FastifyReply, id: number) {
    return readItem<ObjectiveDetail>(
      reply,
      nodeKinds.GdcObjective.queries.detail,
      { id: String(id) },
      'objective',
      `GDC objective ${id}`,
    );
  }

  listCommitments(
    reply: FastifyReply,
    filters: { objective: number | undefined; section: z.infer<typeof gdcSectionSchema> | null },
    page: PageRange,
  ) {
    const objective = filters.objective === undefined ? null : String(filters.objective);
    return readPage<Commitment>(
      reply,
      nodeKinds.GdcCommitment.queries.list,
      { objective, section: filters.section },
      page,
    );
  }

  getCommitment(reply: FastifyReply, id: string) {
    return readItem<CommitmentDetail>(
      reply,
      nodeKinds.GdcCommitment.queries.detail,
      { id },
      'commitment',
      `GDC commitment ${id}`,
    );
  }

  /** The editable fields of one commitment as stored, or undefined. */
  async findEditableCommitment(tx: ManagedTransaction, id: string): Promise<EditedCommitment | undefined> {
    const [row] = await run<{ commitment: EditedCommitment }>(tx, 'editing/commitment-get', { id });
    return row?.commitment;
  }

  async updateCommitment(tx: ManagedTransaction, id: string, props: Record<string, unknown>): Promise<void> {
    await run(tx, 'editing/commitment-update', { id, props });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    gdc: GdcRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('gdc', new GdcRepository());
  },
  {
    name: 'gdc-repository',
    dependencies: ['neo4j'],
  },
);
