import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { z } from 'zod';
import { nodeKinds } from '../domain/nodes.js';
import type {
  sdgDetailSchema,
  sdgIndicatorSchema,
  sdgSchema,
  sdgTargetDetailSchema,
  sdgTargetSchema,
} from '../schemas/sdgs.js';
import { type PageRange, readItem, readPage } from './reads.js';

type Sdg = z.infer<typeof sdgSchema>;
type SdgDetail = z.infer<typeof sdgDetailSchema>;
type SdgTarget = z.infer<typeof sdgTargetSchema>;
type SdgTargetDetail = z.infer<typeof sdgTargetDetailSchema>;
type SdgIndicator = z.infer<typeof sdgIndicatorSchema>;

/**
 * The SDG framework: goals, targets, indicators, titled in the negotiated language.
 * Cypher: cypher/sdgs, cypher/sdg-targets, cypher/sdg-indicators. Goal ids are integers in the
 * API and strings ("1".."17") in the graph: converted here.
 */
export class SdgRepository {
  listGoals(reply: FastifyReply, filters: { language: string }, page: PageRange) {
    return readPage<Sdg>(reply, nodeKinds.Sdg.queries.list, filters, page);
  }

  getGoal(reply: FastifyReply, id: number, language: string) {
    return readItem<SdgDetail>(reply, nodeKinds.Sdg.queries.detail, { id: String(id), language }, 'goal', `SDG ${id}`);
  }

  listTargets(reply: FastifyReply, filters: { goal: number | undefined; language: string }, page: PageRange) {
    const goal = filters.goal === undefined ? null : String(filters.goal);
    return readPage<SdgTarget>(reply, nodeKinds.SdgTarget.queries.list, { goal, language: filters.language }, page);
  }

  getTarget(reply: FastifyReply, id: string, language: string) {
    return readItem<SdgTargetDetail>(
      reply,
      nodeKinds.SdgTarget.queries.detail,
      { id, language },
      'target',
      `SDG target ${id}`,
    );
  }

  getIndicator(reply: FastifyReply, id: string, language: string) {
    return readItem<SdgIndicator>(
      reply,
      nodeKinds.SdgIndicator.queries.detail,
      { id, language },
      'indicator',
      `SDG indicator ${id}`,
    );
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    sdgs: SdgRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('sdgs', new SdgRepository());
  },
  {
    name: 'sdg-repository',
    dependencies: ['neo4j'],
  },
);
