import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { elementOf } from '../../../curation/verifications.js';
import { itemOf, listOf, problemResponses } from '../../../schemas/common.js';
import {
  verificationCreateSchema,
  verificationRevokeSchema,
  verificationSchema,
  verificationsQuery,
} from '../../../schemas/curation.js';
import { ifMatchHeaders, writeProblems } from '../../../schemas/writes.js';

/**
 * The verification trail: POST records a check (editor role), POST …/revoke withdraws it with a
 * reason (kept in the trail), GET lists it. Rules: src/curation/verifications.ts.
 */
const verificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/',
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['curation'],
        summary: 'Record that a commitment, entity or link was checked against a document',
        description:
          'The element becomes verified (verifiedAt, verifiedBy) and is marked curated, so a re-seed leaves it. The ' +
          'Change is recorded on the element’s path with the verification in `after`.',
        headers: ifMatchHeaders,
        body: verificationCreateSchema,
        response: { 201: itemOf(verificationSchema), ...writeProblems },
      },
    },
    async (request, reply) => {
      const { path } = elementOf(request.body.target);
      const actor = { name: request.principal!.name, at: new Date().toISOString() };
      const outcome = await reply.recordedWrite(
        { action: 'verification.create', target: path, reason: request.body.note ?? null },
        (tx) => app.curation.verify(tx, request.body, actor),
      );
      reply.header('location', `/v1/verifications/${outcome.result.id}`);
      return reply.code(201).send({ data: outcome.result });
    },
  );

  app.post(
    '/:id/revoke',
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['curation'],
        summary: 'Revoke a verification, with a reason (it stays in the trail)',
        description:
          'The element stays verified while another unrevoked check stands; otherwise `verified` goes back to false.',
        params: z.object({ id: z.uuid() }),
        headers: ifMatchHeaders,
        body: verificationRevokeSchema,
        response: { 200: itemOf(verificationSchema), ...writeProblems },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const actor = { name: request.principal!.name, at: new Date().toISOString() };
      const outcome = await reply.recordedWrite(
        { action: 'verification.revoke', target: `verifications/${id}`, reason: request.body.reason },
        (tx) => app.curation.revoke(tx, id, request.body.reason, actor),
      );
      return { data: outcome.result };
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags: ['curation'],
        summary: 'The verification trail, newest first (revoked checks included unless ?active=true)',
        querystring: verificationsQuery,
        response: { 200: listOf(verificationSchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { target, active, limit, offset } = request.query;
      return app.curation.listVerifications(
        reply,
        { target: target ?? null, active: active ?? null },
        { limit, offset },
      );
    },
  );
};

export default verificationRoutes;
