import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LinkKey } from '../../../db/links.js';
import { deleteLink, putLink } from '../../../lib/link-writes.js';
import { problemSchema } from '../../../schemas/common.js';
import { actionLineIdSchema } from '../../../schemas/action-lines.js';
import {
  commitmentIdSchema,
  entityIdSchema,
  facilitatorPutSchema,
  ifMatchHeaders,
  linkDeleteResponses,
  linkPutResponses,
  reasonQuery,
  responsiblePutSchema,
} from '../../../schemas/editing.js';


/**
 * Who does what (editor role): facilitators of action lines and entities responsible for GDC
 * commitments. PUT creates or updates one link, DELETE removes it; both are recorded in the
 * change log and answer with the new ETag.
 */
const assignmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const facilitatorParams = z.object({ id: actionLineIdSchema, entityId: entityIdSchema });
  const facilitatorKey = (p: z.infer<typeof facilitatorParams>): LinkKey => ({ kind: 'FACILITATES', from: p.entityId, to: p.id });
  const facilitatorEnds = (p: z.infer<typeof facilitatorParams>) => [
    { label: 'actionLines' as const, id: p.id, path: 'path.id' },
    { label: 'entities' as const, id: p.entityId, path: 'path.entityId' },
  ];

  app.put(
    '/action-lines/:id/facilitators/:entityId',
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: 'Assign an entity as lead, co- or partner facilitator of an action line',
        description:
          'Creates or updates the FACILITATES link. One lead per action line: a second lead is 409 naming the current one, ' +
          'unless `replaceLead: true`, which demotes the current lead to co in the same write. Omitted fields keep their ' +
          'current value; a new link needs `source` and starts as `proposed`. The same PUT twice changes nothing the second time.',
        params: facilitatorParams,
        headers: ifMatchHeaders,
        body: facilitatorPutSchema,
        response: { ...linkPutResponses, 409: problemSchema.describe('The action line already has another lead (problem+json, `currentLead`)') },
      },
    },
    async (request, reply) => {
      const { role, status, source, rationale, reason, replaceLead } = request.body;
      const outcome = await putLink(request, reply, facilitatorKey(request.params), facilitatorEnds(request.params), {
        role,
        status,
        source: source && { ...source, url: source.url ?? null },
        rationale,
        reason,
        replaceLead,
      });
      return reply.code(outcome.result.created ? 201 : 200).send({ data: outcome.result.link });
    },
  );

  app.delete(
    '/action-lines/:id/facilitators/:entityId',
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: 'Remove an entity from the facilitators of an action line',
        params: facilitatorParams,
        querystring: reasonQuery,
        headers: ifMatchHeaders,
        response: linkDeleteResponses,
      },
    },
    async (request, reply) => {
      await deleteLink(request, reply, facilitatorKey(request.params), facilitatorEnds(request.params), request.query.reason);
      return reply.code(204).send(null);
    },
  );

  const responsibleParams = z.object({ id: commitmentIdSchema, entityId: entityIdSchema });
  const responsibleKey = (p: z.infer<typeof responsibleParams>): LinkKey => ({ kind: 'RESPONSIBLE_FOR', from: p.entityId, to: p.id });
  const responsibleEnds = (p: z.infer<typeof responsibleParams>) => [
    { label: 'commitments' as const, id: p.id, path: 'path.id' },
    { label: 'entities' as const, id: p.entityId, path: 'path.entityId' },
  ];

  app.put(
    '/gdc/commitments/:id/responsible/:entityId',
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: 'Make an entity responsible (lead, co or contributor) for a GDC commitment',
        description:
          'Creates or updates the RESPONSIBLE_FOR link. Omitted fields keep their current value; a new link needs `source` ' +
          'and starts as `proposed`. The same PUT twice changes nothing the second time.',
        params: responsibleParams,
        headers: ifMatchHeaders,
        body: responsiblePutSchema,
        response: linkPutResponses,
      },
    },
    async (request, reply) => {
      const { role, status, source, rationale, reason } = request.body;
      const outcome = await putLink(request, reply, responsibleKey(request.params), responsibleEnds(request.params), {
        role,
        status,
        source: source && { ...source, url: source.url ?? null },
        rationale,
        reason,
      });
      return reply.code(outcome.result.created ? 201 : 200).send({ data: outcome.result.link });
    },
  );

  app.delete(
    '/gdc/commitments/:id/responsible/:entityId',
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: 'Remove an entity from those responsible for a GDC commitment',
        params: responsibleParams,
        querystring: reasonQuery,
        headers: ifMatchHeaders,
        response: linkDeleteResponses,
      },
    },
    async (request, reply) => {
      await deleteLink(request, reply, responsibleKey(request.params), responsibleEnds(request.params), request.query.reason);
      return reply.code(204).send(null);
    },
  );
};

export default assignmentRoutes;
