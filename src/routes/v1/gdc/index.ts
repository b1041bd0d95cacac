import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asOfQuery } from '../../../schemas/versions.js';
import { registerLinkResources } from '../link-resource.js';
import commitmentCurationRoutes from './commitment-curation.js';
import commitmentWriteRoutes from './commitment-writes.js';
import { tombstoneResponses } from '../../../schemas/curation.js';
import { itemOf, listOf, paginationQuery, problemResponses } from '../../../schemas/common.js';
import {
  gdcCommitmentDetailSchema,
  gdcCommitmentIdParam,
  gdcCommitmentSchema,
  gdcObjectiveDetailSchema,
  gdcObjectiveFilter,
  gdcObjectiveIdParam,
  gdcObjectiveSchema,
  gdcSectionSchema,
} from '../../../schemas/gdc.js';

/**
 * GET /v1/gdc/objectives[/{id}] and /v1/gdc/commitments[/{id}]. Cypher: cypher/gdc/*.cypher.
 * Objective ids are integers in the API and strings ("1".."5") in the graph: converted here.
 */
const gdcRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/objectives',
    {
      schema: {
        tags: ['gdc'],
        summary: 'List the five Global Digital Compact objectives',
        querystring: paginationQuery.strict(),
        response: { 200: listOf(gdcObjectiveSchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { limit, offset } = request.query;
      return app.gdc.listObjectives(reply, { limit, offset });
    },
  );

  app.get(
    '/objectives/:id',
    {
      schema: {
        tags: ['gdc'],
        summary: 'One GDC objective with the commitments under it',
        params: z.object({ id: gdcObjectiveIdParam }),
        response: { 200: itemOf(gdcObjectiveDetailSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return app.gdc.getObjective(reply, id);
    },
  );

  app.get(
    '/commitments',
    {
      schema: {
        tags: ['gdc'],
        summary: 'List GDC commitments in paragraph order, optionally by objective or section',
        querystring: paginationQuery
          .extend({
            objective: gdcObjectiveFilter.optional(),
            section: gdcSectionSchema.optional(),
          })
          .strict(),
        response: { 200: listOf(gdcCommitmentSchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { limit, offset, objective, section } = request.query;
      return app.gdc.listCommitments(reply, { objective, section: section ?? null }, { limit, offset });
    },
  );

  app.get(
    '/commitments/:id',
    {
      schema: {
        tags: ['gdc'],
        summary: 'One GDC commitment with its responsible entities, aligned action lines and cited SDGs',
        params: z.object({ id: gdcCommitmentIdParam }),
        querystring: asOfQuery,
        response: { 200: itemOf(gdcCommitmentDetailSchema), ...problemResponses, ...tombstoneResponses('commitment') },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return app.curation.readOrTombstone(reply, 'commitment', id, () => app.gdc.getCommitment(reply, id));
    },
  );

  await app.register(commitmentWriteRoutes);
  await app.register(commitmentCurationRoutes);
  // /gdc/commitments/:id/responsible/:entityId
  await app.register(async (commitments) => registerLinkResources(commitments, 'GdcCommitment'), {
    prefix: '/commitments',
  });
};

export default gdcRoutes;
