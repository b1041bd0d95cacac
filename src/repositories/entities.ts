import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { run } from '../db/db.js';
import { nodeKinds } from '../domain/nodes.js';
import type { editedEntitySchema } from '../schemas/entity-edits.js';
import type { entityDetailSchema, entityRoleSchema, entitySchema } from '../schemas/entities.js';
import { type PageRange, readItem, readPage } from './reads.js';

type Entity = z.infer<typeof entitySchema>;
type EntityDetail = z.infer<typeof entityDetailSchema>;
type EditedEntity = z.infer<typeof editedEntitySchema>;

/**
 * UN entities and other organisations. Reads: cypher/entities/*.cypher; edits (inside the write
 * path's transaction): cypher/editing/entity-*.cypher.
 */
export class EntityRepository {
  list(
    reply: FastifyReply,
    filters: { ungisMember: boolean | null; role: z.infer<typeof entityRoleSchema> | null },
    page: PageRange,
  ) {
    return readPage<Entity>(reply, nodeKinds.Entity.queries.list, filters, page);
  }

  get(reply: FastifyReply, id: string) {
    return readItem<EntityDetail>(reply, nodeKinds.Entity.queries.detail, { id }, 'entity', `entity ${id}`);
  }

  /** The editable fields of one entity as stored, or undefined. */
  async findEditable(tx: ManagedTransaction, id: string): Promise<EditedEntity | undefined> {
    const [row] = await run<{ entity: EditedEntity }>(tx, 'editing/entity-get', { id });
    return row?.entity;
  }

  async create(tx: ManagedTransaction, props: Record<string, unknown>): Promise<void> {
    await run(tx, 'editing/entity-create', { props });
  }

  async update(tx: ManagedTransaction, id: string, props: Record<string, unknown>): Promise<void> {
    await run(tx, 'editing/entity-update', { id, props });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    entities: EntityRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('entities', new EntityRepository());
  },
  {
    name: 'entity-repository',
    dependencies: ['neo4j'],
  },
);
