import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { itemOf, problemSchema } from '../../../schemas/common.js';
import {
  curatedEntitySchema,
  entityIdParams,
  mergeResultSchema,
  mergeSchema,
  retireSchema,
} from '../../../schemas/curation.js';
import { ifMatchHeaders, writeProblems } from '../../../schemas/writes.js';

const goneProblem = problemSchema.describe(
  'The entity was retired (problem+json naming when, why and, if merged, `mergedInto`)',
);

/**
 * Reference editing of entities (admin role): retire, merge. Create and PATCH live in
 * writes.ts. Rules and Cypher: src/curation/entities.ts.
 */
const entityCurationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/:id/retire',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['curation'],
        summary: 'Retire an entity (never deleted): its facilitations and responsibilities are retired with it',
        params: entityIdParams,
        headers: ifMatchHeaders,
        body: retireSchema,
        response: { 200: itemOf(curatedEntitySchema), ...writeProblems },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const actor = { name: request.principal!.name, at: new Date().toISOString() };
      const outcome = await reply.recordedWrite(
        { action: 'entity.retire', target: `entities/${id}`, reason: request.body.reason },
        (tx) => app.curation.retireEntity(tx, id, request.body.reason, actor),
      );
      return { data: outcome.result };
    },
  );

  app.post(
    '/:id/merge',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['curation'],
        summary: 'Merge an entity into another that is the same body: every link moves to the survivor',
        description:
          'Every FACILITATES and RESPONSIBLE_FOR link of `{id}` moves to `into`. Where both link the same node, ' +
          'one state is kept, deterministically: the stronger status (endorsed > proposed > retired), then the ' +
          'stronger role (lead > co > partner/contributor), then the survivor’s. The change log keeps both sides: ' +
          'one `*.merge` Change per link (before: both states), `entity.absorb` on the survivor and `entity.merge` ' +
          'on the merged id. The merged id then answers GET with 301 to the survivor, and writes with 410.',
        params: entityIdParams,
        headers: ifMatchHeaders,
        body: mergeSchema,
        response: { 200: itemOf(mergeResultSchema), ...writeProblems, 410: goneProblem },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { into, reason } = request.body;
      const actor = { name: request.principal!.name, at: new Date().toISOString() };
      const outcome = await reply.recordedWrite({ action: 'entity.merge', target: `entities/${id}`, reason }, (tx) =>
        app.curation.mergeEntity(tx, id, into, reason, actor),
      );
      return { data: outcome.result };
    },
  );
};

export default entityCurationRoutes;
