import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LinkKey } from '../../../db/links.js';
import { deleteLink, putLink } from '../../../lib/link-writes.js';
import { actionLineIdSchema } from '../../../schemas/action-lines.js';
import {
  commitmentIdSchema,
  ifMatchHeaders,
  linkDeleteResponses,
  linkPutResponses,
  mappingPutSchema,
  reasonQuery,
  sdgTargetIdSchema,
} from '../../../schemas/editing.js';


/**
 * The structured mapping (editor role): action line ↔ GDC commitment (ALIGNS_WITH) and
 * action line → SDG target (SUPPORTS). Same rules as the assignments.
 */
const mappingRoutes: FastifyPluginAsyncZod = async (app) => {
  const alignmentParams = z.object({ id: actionLineIdSchema, commitmentId: commitmentIdSchema });
  const alignmentKey = (p: z.infer<typeof alignmentParams>): LinkKey => ({ kind: 'ALIGNS_WITH', from: p.id, to: p.commitmentId });
  const alignmentEnds = (p: z.infer<typeof alignmentParams>) => [
    { label: 'actionLines' as const, id: p.id, path: 'path.id' },
    { label: 'commitments' as const, id: p.commitmentId, path: 'path.commitmentId' },
  ];

  app.put(
    '/action-lines/:id/commitments/:commitmentId',
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: 'Align an action line with a GDC commitment',
        description:
          'Creates or updates the ALIGNS_WITH link. Omitted fields keep their current value; a new link needs `source` and ' +
          'starts as `proposed`. The same PUT twice changes nothing the second time.',
        params: alignmentParams,
        headers: ifMatchHeaders,
        body: mappingPutSchema,
        response: linkPutResponses,
      },
    },
    async (request, reply) => {
      const { status, source, rationale, reason } = request.body;
      const outcome = await putLink(request, reply, alignmentKey(request.params), alignmentEnds(request.params), {
        status,
        source: source && { ...source, url: source.url ?? null },
        rationale,
        reason,
      });
      return reply.code(outcome.result.created ? 201 : 200).send({ data: outcome.result.link });
    },
  );

  app.delete(
    '/action-lines/:id/commitments/:commitmentId',
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: 'Remove the alignment of an action line with a GDC commitment',
        params: alignmentParams,
        querystring: reasonQuery,
        headers: ifMatchHeaders,
        response: linkDeleteResponses,
      },
    },
    async (request, reply) => {
      await deleteLink(request, reply, alignmentKey(request.params), alignmentEnds(request.params), request.query.reason);
      return reply.code(204).send(null);
    },
  );

  const targetParams = z.object({ id: actionLineIdSchema, targetId: sdgTargetIdSchema });
  const targetKey = (p: z.infer<typeof targetParams>): LinkKey => ({ kind: 'SUPPORTS_TARGET', from: p.id, to: p.targetId });
  const targetEnds = (p: z.infer<typeof targetParams>) => [
    { label: 'actionLines' as const, id: p.id, path: 'path.id' },
    { label: 'targets' as const, id: p.targetId, path: 'path.targetId' },
  ];

  app.put(
    '/action-lines/:id/sdg-targets/:targetId',
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: 'Record that an action line supports an SDG target',
        description:
          'Creates or updates the SUPPORTS link to the target. Omitted fields keep their current value; a new link needs ' +
          '`source` and starts as `proposed`. The same PUT twice changes nothing the second time.',
        params: targetParams,
        headers: ifMatchHeaders,
        body: mappingPutSchema,
        response: linkPutResponses,
      },
    },
    async (request, reply) => {
      const { status, source, rationale, reason } = request.body;
      const outcome = await putLink(request, reply, targetKey(request.params), targetEnds(request.params), {
        status,
        source: source && { ...source, url: source.url ?? null },
        rationale,
        reason,
      });
      return reply.code(outcome.result.created ? 201 : 200).send({ data: outcome.result.link });
    },
  );

  app.delete(
    '/action-lines/:id/sdg-targets/:targetId',
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: 'Remove the link from an action line to an SDG target',
        params: targetParams,
        querystring: reasonQuery,
        headers: ifMatchHeaders,
        response: linkDeleteResponses,
      },
    },
    async (request, reply) => {
      await deleteLink(request, reply, targetKey(request.params), targetEnds(request.params), request.query.reason);
      return reply.code(204).send(null);
    },
  );
};

export default mappingRoutes;
