import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { type LinkFilters, type MappingRow, readMappings } from '../db/exports.js';
import { conditionalRead } from '../lib/conditional.js';

/**
 * The roadmap links as the linked-data exports need them (cypher/exports/mappings.cypher), read at
 * one committed revision; src/lib/linked-data/ turns them into JSON-LD or SSSOM.
 */
export class LinkedDataRepository {
  /**
   * The links matching `filters` with labels in `language`, shaped by `shape` inside the read
   * (`variant`, the format and language, is part of the ETag).
   */
  mappings<T>(
    reply: FastifyReply,
    variant: string,
    filters: LinkFilters,
    language: string,
    shape: (rows: MappingRow[], revision: number) => T,
  ): Promise<T> {
    return conditionalRead(reply.request, reply, variant, async (tx, revision) =>
      shape(await readMappings(tx, filters, language), revision),
    );
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    linkedData: LinkedDataRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('linkedData', new LinkedDataRepository());
  },
  {
    name: 'linked-data-repository',
    dependencies: ['neo4j'],
  },
);
