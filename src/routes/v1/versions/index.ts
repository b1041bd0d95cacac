import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conflict, notFound } from '../../../lib/problems.js';
import { itemOf, listOf, paginationQuery, problemResponses, problemSchema } from '../../../schemas/common.js';
import { ifMatchHeaders, writeProblems } from '../../../schemas/writes.js';
import { endorsementSchema, versionCreateSchema, versionIdSchema, versionSchema } from '../../../schemas/versions.js';

const versionsDescription = `A version names a state of the roadmap (a graph revision), e.g. "CSTD-29 draft". Versions are
immutable: no route changes or deletes one; its endorsement (body, date, document reference) can be recorded once.
Every roadmap read (links, matrix, gaps, coverage, the action-line, commitment, target and entity pages) answers
as the roadmap stood at a version with \`?version=<id>\` (or at any revision with \`?revision=<n>\`), with the body
and ETag a read made at the time carried; \`GET /v1/diff\` lists what changed between two of them.`;

/** /v1/versions: named, immutable states of the roadmap (admin writes, audited like every write). */
const versionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['versions'],
        summary: 'Every named version of the roadmap, oldest first',
        description: versionsDescription,
        querystring: paginationQuery.strict(),
        response: { 200: listOf(versionSchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { limit, offset } = request.query;
      const all = await app.versions.list(reply);
      return { data: all.slice(offset, offset + limit), meta: { total: all.length, limit, offset } };
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['versions'],
        summary: 'One version',
        params: z.object({ id: versionIdSchema }),
        response: { 200: itemOf(versionSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = await app.versions.get(reply, id);
      return { data: version };
    },
  );

  app.post(
    '/',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['versions'],
        summary: 'Name a state of the roadmap (default: the current revision)',
        description:
          'The version gets the next id (v1, v2, …). `revision` may name an earlier state, as far back as the change ' +
          'log can rebuild it (422 otherwise); a future revision is 400; a name in use is 409. Recorded in the change ' +
          'log (`version.create`), which advances the graph revision like every write; the version names the ' +
          'revision the caller saw, not the one its own record creates.',
        headers: ifMatchHeaders,
        body: versionCreateSchema,
        response: {
          201: itemOf(versionSchema),
          ...writeProblems,
          409: problemSchema.describe('The name is taken (problem+json)'),
          422: problemSchema.describe('That revision cannot be rebuilt from the change log (problem+json)'),
        },
      },
    },
    async (request, reply) => {
      const { name, description, revision: wanted } = request.body;
      const actor = request.principal!.name;
      const outcome = await reply.recordedWrite(
        { action: 'version.create', target: 'versions' },
        async (tx, current) => {
          const revision = wanted ?? current;
          await app.versions.checkReachable(tx, revision, 'body.revision');
          const slot = await app.versions.nextSlot(tx, name);
          if (slot.nameTaken) {
            throw conflict(`A version is already named "${name}"; versions are immutable, pick another name.`, {
              errors: [{ path: 'body.name', message: 'name in use' }],
            });
          }
          const version = await app.versions.create(tx, {
            id: slot.id,
            name,
            description: description ?? null,
            revision,
            createdAt: new Date().toISOString(),
            createdBy: actor,
          });
          return { changed: true, before: null, after: version, result: version };
        },
      );
      reply.header('location', `/v1/versions/${outcome.result.id}`);
      return reply.code(201).send({ data: outcome.result });
    },
  );

  app.post(
    '/:id/endorsement',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['versions'],
        summary: "Record a version's endorsement (once)",
        description:
          'Who endorsed the version, when, and the document that records it. Recorded once: a second call is 409. ' +
          'Recorded in the change log (`version.endorse`).',
        params: z.object({ id: versionIdSchema }),
        headers: ifMatchHeaders,
        body: endorsementSchema,
        response: {
          201: itemOf(versionSchema),
          ...writeProblems,
          409: problemSchema.describe('Already endorsed (problem+json)'),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const actor = request.principal!.name;
      const outcome = await reply.recordedWrite(
        { action: 'version.endorse', target: `versions/${id}/endorsement` },
        async (tx) => {
          const before = await app.versions.find(tx, id);
          if (!before) throw notFound(`No version ${id}.`, [{ path: 'path.id', message: `unknown version ${id}` }]);
          if (before.endorsement) {
            throw conflict(
              `Version ${id} was already endorsed (${before.endorsement.body}, ${before.endorsement.date}); versions are immutable.`,
              {
                errors: [{ path: 'path.id', message: 'already endorsed' }],
              },
            );
          }
          const after = await app.versions.endorse(tx, id, request.body, actor, new Date().toISOString());
          return { changed: true, before, after, result: after };
        },
      );
      return reply.code(201).send({ data: outcome.result });
    },
  );
};

export default versionRoutes;
