import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { itemOf, problemSchema } from '../../../schemas/common.js';
import {
  commitmentCreateSchema,
  commitmentIdParams,
  curatedCommitmentSchema,
  renumberSchema,
  retireSchema,
} from '../../../schemas/curation.js';
import { ifMatchHeaders, writeProblems } from '../../../schemas/writes.js';

const conflictProblem = problemSchema.describe('The id is taken, by a live or a retired commitment (problem+json)');
const goneProblem = problemSchema.describe(
  'The commitment was retired (problem+json naming when, why and, if renumbered, `replacedBy`)',
);

/**
 * Reference editing of GDC commitments (admin role): create, retire, renumber. Rules and Cypher:
 * src/curation/commitments.ts; every write goes through the one write path (If-Match, Change).
 */
const commitmentCurationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/commitments',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['curation'],
        summary: 'Add a GDC commitment (its id is its paragraph and letter, e.g. 31f)',
        description:
          'Creates the commitment under its objective with the SDGs it cites (CONTRIBUTES_TO links: endorsed when ' +
          'the commitment is verified, else proposed). An id used before, even by a retired commitment, is 409.',
        headers: ifMatchHeaders,
        body: commitmentCreateSchema,
        response: { 201: itemOf(curatedCommitmentSchema), ...writeProblems, 409: conflictProblem },
      },
    },
    async (request, reply) => {
      const { reason, ...input } = request.body;
      const id = `${input.paragraph}${input.letter ?? ''}`;
      const actor = { name: request.principal!.name, at: new Date().toISOString() };
      const outcome = await reply.recordedWrite(
        { action: 'commitment.create', target: `gdc/commitments/${id}`, reason },
        (tx) => app.curation.createCommitment(tx, input, actor),
      );
      reply.header('location', `/v1/gdc/commitments/${outcome.result.id}`);
      return reply.code(201).send({ data: outcome.result });
    },
  );

  app.post(
    '/commitments/:id/retire',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['curation'],
        summary: 'Retire a GDC commitment (never deleted): its links are retired with it',
        description:
          'The commitment leaves every live read (lists, matrix, gaps, coverage); GET on its id answers 410. Each ' +
          'of its responsibilities, alignments and cited SDGs gets status retired and its own Change. Retiring a ' +
          'retired commitment changes nothing.',
        params: commitmentIdParams,
        headers: ifMatchHeaders,
        body: retireSchema,
        response: { 200: itemOf(curatedCommitmentSchema), ...writeProblems },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const actor = { name: request.principal!.name, at: new Date().toISOString() };
      const outcome = await reply.recordedWrite(
        { action: 'commitment.retire', target: `gdc/commitments/${id}`, reason: request.body.reason },
        (tx) => app.curation.retireCommitment(tx, id, request.body.reason, actor),
      );
      return { data: outcome.result };
    },
  );

  app.post(
    '/commitments/:id/renumber',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['curation'],
        summary: "Correct a GDC commitment's paragraph and letter: an audited id change that moves its links",
        description:
          'The commitment takes the id of its corrected paragraph and letter; every link moves with it (one ' +
          '`*.move` Change each). The old id stays taken: GET on it answers 301 with Location naming the new one, ' +
          'and a re-seed does not bring it back. Descriptive fields change with PATCH, which keeps the id.',
        params: commitmentIdParams,
        headers: ifMatchHeaders,
        body: renumberSchema,
        response: {
          200: itemOf(curatedCommitmentSchema),
          ...writeProblems,
          409: conflictProblem,
          410: goneProblem,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { paragraph, letter, reason } = request.body;
      const actor = { name: request.principal!.name, at: new Date().toISOString() };
      const outcome = await reply.recordedWrite(
        { action: 'commitment.renumber', target: `gdc/commitments/${id}`, reason },
        (tx) => app.curation.renumberCommitment(tx, id, { paragraph, letter }, reason, actor),
      );
      reply.header('location', `/v1/gdc/commitments/${outcome.result.id}`);
      return { data: outcome.result };
    },
  );
};

export default commitmentCurationRoutes;
