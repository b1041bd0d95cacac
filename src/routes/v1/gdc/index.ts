import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { run } from '../../../db/db.js';
import { conditionalRead } from '../../../lib/conditional.js';
import { pageParams } from '../../../lib/paging.js';
import { notFound } from '../../../lib/problems.js';
import { itemOf, listOf, paginationQuery, problemResponses } from '../../../schemas/common.js';
import {
  gdcCommitmentDetailSchema,
  gdcCommitmentIdSchema,
  gdcCommitmentSchema,
  gdcObjectiveDetailSchema,
  gdcObjectiveFilter,
  gdcObjectiveIdParam,
  gdcObjectiveSchema,
  gdcSectionSchema,
} from '../../../schemas/gdc.js';

type Objective = z.infer<typeof gdcObjectiveSchema>;
type ObjectiveDetail = z.infer<typeof gdcObjectiveDetailSchema>;
type Commitment = z.infer<typeof gdcCommitmentSchema>;
type CommitmentDetail = z.infer<typeof gdcCommitmentDetailSchema>;

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
      const page = await conditionalRead(request, reply, request.url, async (tx) => {
        const [row] = await run<{ total: number; items: Objective[] }>(tx, 'gdc/objectives-list', pageParams({ limit, offset }));
        return row!;
      });
      if (!page) return reply;
      return { data: page.items, meta: { total: page.total, limit, offset } };
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
      const found = await conditionalRead(request, reply, undefined, async (tx) => {
        const [row] = await run<{ objective: ObjectiveDetail }>(tx, 'gdc/objectives-get', { id: String(id) });
        if (!row) throw notFound(`No GDC objective ${id}.`, [{ path: 'path.id', message: `unknown GDC objective ${id}` }]);
        return row.objective;
      });
      if (!found) return reply;
      return { data: found };
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
      const page = await conditionalRead(request, reply, request.url, async (tx) => {
        const [row] = await run<{ total: number; items: Commitment[] }>(tx, 'gdc/commitments-list', {
          objective: objective === undefined ? null : String(objective),
          section: section ?? null,
          ...pageParams({ limit, offset }),
        });
        return row!;
      });
      if (!page) return reply;
      return { data: page.items, meta: { total: page.total, limit, offset } };
    },
  );

  app.get(
    '/commitments/:id',
    {
      schema: {
        tags: ['gdc'],
        summary: 'One GDC commitment with its responsible entities, aligned action lines and cited SDGs',
        params: z.object({ id: gdcCommitmentIdSchema }),
        response: { 200: itemOf(gdcCommitmentDetailSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const found = await conditionalRead(request, reply, undefined, async (tx) => {
        const [row] = await run<{ commitment: CommitmentDetail }>(tx, 'gdc/commitments-get', { id });
        if (!row) throw notFound(`No GDC commitment ${id}.`, [{ path: 'path.id', message: `unknown GDC commitment ${id}` }]);
        return row.commitment;
      });
      if (!found) return reply;
      return { data: found };
    },
  );
};

export default gdcRoutes;
