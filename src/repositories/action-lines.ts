import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { z } from 'zod';
import { nodeKinds } from '../domain/nodes.js';
import type { actionLineDetailSchema, actionLineSchema } from '../schemas/action-lines.js';
import { type PageRange, readItem, readPage } from './reads.js';

type ActionLine = z.infer<typeof actionLineSchema>;
type ActionLineDetail = z.infer<typeof actionLineDetailSchema>;

/** WSIS action lines. Cypher: cypher/action-lines/*.cypher. */
export class ActionLineRepository {
  list(reply: FastifyReply, filters: { kind: 'line' | 'subline' | null }, page: PageRange) {
    return readPage<ActionLine>(reply, nodeKinds.ActionLine.queries.list, filters, page);
  }

  get(reply: FastifyReply, id: string) {
    return readItem<ActionLineDetail>(
      reply,
      nodeKinds.ActionLine.queries.detail,
      { id },
      'actionLine',
      `action line ${id}`,
    );
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    actionLines: ActionLineRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('actionLines', new ActionLineRepository());
  },
  {
    name: 'action-line-repository',
    dependencies: ['neo4j'],
  },
);
