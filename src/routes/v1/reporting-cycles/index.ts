import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { revisionMeta } from '../../../lib/conditional.js';
import { conflict, notFound } from '../../../lib/problems.js';
import { cycleCloseSchema, cycleOpenSchema, cycleSchema, reportingYearParam } from '../../../schemas/activities.js';
import { problemResponses, problemSchema, writtenOf } from '../../../schemas/common.js';
import { ifMatchHeaders, writeProblems } from '../../../schemas/writes.js';

const cyclesDescription =
  'A reporting cycle is the year for which activities report progress. An admin opens it; while open, ' +
  'editors and focal-point keys report; once closed it is read-only for good (progress writes are 409).';

/** /v1/reporting-cycles: open and close reporting years (admin, audited like every write). */
const reportingCycleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['activities'],
        summary: 'Every reporting cycle, newest year first',
        description: cyclesDescription,
        response: { 200: z.object({ data: z.array(cycleSchema) }), 503: problemResponses[503] },
      },
    },
    async (_request, reply) => ({ data: await app.activities.cycles(reply) }),
  );

  app.post(
    '/',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['activities'],
        summary: 'Open the reporting cycle of a year',
        description: `${cyclesDescription} A year opened before (open or closed) is 409.`,
        headers: ifMatchHeaders,
        body: cycleOpenSchema,
        response: {
          201: writtenOf(cycleSchema),
          ...writeProblems,
          409: problemSchema.describe('That year was opened before (problem+json)'),
        },
      },
    },
    async (request, reply) => {
      const { year, reason } = request.body;
      const actor = request.principal!.name;
      const outcome = await reply.recordedWrite(
        { action: 'cycle.open', target: `reporting-cycles/${year}`, reason },
        async (tx) => {
          const existing = await app.activities.findCycle(tx, year);
          if (existing) {
            throw conflict(`The reporting cycle ${year} was opened before (it is ${existing.status}).`, {
              errors: [{ path: 'body.year', message: `${year} is ${existing.status}` }],
            });
          }
          const cycle = {
            year,
            status: 'open' as const,
            openedAt: new Date().toISOString(),
            openedBy: actor,
            closedAt: null,
            closedBy: null,
          };
          await app.activities.putCycle(tx, cycle);
          return { changed: true, before: null, after: cycle, result: cycle };
        },
      );
      reply.header('location', `/v1/reporting-cycles/${year}`);
      return reply.code(201).send({ data: outcome.result, meta: revisionMeta(outcome.revision) });
    },
  );

  app.post(
    '/:year/close',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['activities'],
        summary: 'Close the reporting cycle of a year (final: its progress becomes read-only)',
        params: z.object({ year: reportingYearParam }),
        headers: ifMatchHeaders,
        body: cycleCloseSchema,
        response: {
          200: writtenOf(cycleSchema),
          ...writeProblems,
          409: problemSchema.describe('Already closed (problem+json)'),
        },
      },
    },
    async (request, reply) => {
      const { year } = request.params;
      const actor = request.principal!.name;
      const outcome = await reply.recordedWrite(
        { action: 'cycle.close', target: `reporting-cycles/${year}`, reason: request.body?.reason },
        async (tx) => {
          const before = await app.activities.findCycle(tx, year);
          if (!before) {
            throw notFound(`No reporting cycle ${year}.`, [{ path: 'path.year', message: `never opened` }]);
          }
          if (before.status === 'closed') {
            throw conflict(`The reporting cycle ${year} was already closed at ${before.closedAt}.`, {
              errors: [{ path: 'path.year', message: 'already closed' }],
            });
          }
          const after = { ...before, status: 'closed' as const, closedAt: new Date().toISOString(), closedBy: actor };
          await app.activities.putCycle(tx, after);
          return { changed: true, before, after, result: after };
        },
      );
      return { data: outcome.result, meta: revisionMeta(outcome.revision) };
    },
  );
};

export default reportingCycleRoutes;
