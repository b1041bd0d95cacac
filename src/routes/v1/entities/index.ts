import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import entityCurationRoutes from './curation.js';
import { asOfQuery } from '../../../schemas/versions.js';
import entityWriteRoutes from './writes.js';
import { tombstoneResponses } from '../../../schemas/curation.js';
import { booleanQuery, itemOf, listOf, paginationQuery, problemResponses } from '../../../schemas/common.js';
import { entityDetailSchema, entityIdParam, entityRoleSchema, entitySchema } from '../../../schemas/entities.js';

/** GET /v1/entities and /v1/entities/{id}. Cypher: cypher/entities/*.cypher. */
const entityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['entities'],
        summary: 'List UN entities (UNGIS members and candidates), by id',
        description:
          '`ungisMember=true|false` keeps evidenced UNGIS members or the unverified candidates. ' +
          '`role=lead|co|partner|contributor` keeps entities holding at least one FACILITATES or ' +
          'RESPONSIBLE_FOR link with that role (retired links are ignored).',
        querystring: paginationQuery
          .extend({
            ungisMember: booleanQuery.optional().describe('true: evidenced UNGIS members; false: candidates'),
            role: entityRoleSchema.optional(),
          })
          .strict(),
        response: { 200: listOf(entitySchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { limit, offset, ungisMember, role } = request.query;
      return app.entities.list(reply, { ungisMember: ungisMember ?? null, role: role ?? null }, { limit, offset });
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['entities'],
        summary: 'One entity with the action lines it facilitates and the GDC commitments it is responsible for',
        description: 'Ids may contain spaces: GET /v1/entities/UN%20Women.',
        params: z.object({ id: entityIdParam }),
        querystring: asOfQuery,
        response: { 200: itemOf(entityDetailSchema), ...problemResponses, ...tombstoneResponses('entity') },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return app.curation.readOrTombstone(reply, 'entity', id, () => app.entities.get(reply, id));
    },
  );

  await app.register(entityWriteRoutes);
  await app.register(entityCurationRoutes);
};

export default entityRoutes;
