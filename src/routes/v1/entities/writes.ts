import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { conflict, notFound } from '../../../lib/problems.js';
import { revisionMeta } from '../../../lib/conditional.js';
import { problemSchema, writtenOf } from '../../../schemas/common.js';
import {
  editedEntitySchema,
  entityCreateSchema,
  entityIdSchema,
  entityPatchSchema,
} from '../../../schemas/entity-edits.js';
import { ifMatchHeaders, writeProblems } from '../../../schemas/writes.js';

type EditedEntity = z.infer<typeof editedEntitySchema>;

const normalise = (e: EditedEntity): EditedEntity => ({
  ...e,
  verified: e.verified ?? false,
  membershipConfidence: e.membershipConfidence ?? null,
  source:
    e.source?.document && e.source.locator
      ? { document: e.source.document, locator: e.source.locator, url: e.source.url ?? null }
      : null,
});

/** Entity properties to SET from a create/patch body (source flattened as on every node). */
function entityProps(body: Partial<z.infer<typeof entityCreateSchema>>): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const field of ['id', 'name', 'kind', 'ungisMember', 'verified', 'membershipConfidence'] as const) {
    if (body[field] !== undefined) props[field] = body[field];
  }
  if (body.source) {
    props.sourceDocument = body.source.document;
    props.sourceLocator = body.source.locator;
    props.sourceUrl = body.source.url ?? null;
  }
  return props;
}

/** Adds and edits UN entities (editor role), recorded in the change log. */
const entityEditRoutes: FastifyPluginAsyncZod = async (app) => {
  const getEntity = async (tx: ManagedTransaction, id: string) => {
    const entity = await app.entities.findEditable(tx, id);
    return entity && normalise(entity);
  };

  app.post(
    '/',
    {
      // A reference node: admins create them (editors edit links and descriptive fields).
      config: { minRole: 'admin' },
      schema: {
        tags: ['editing'],
        summary: 'Add a UN entity (or another organisation) that can facilitate or be responsible',
        headers: ifMatchHeaders,
        body: entityCreateSchema,
        response: {
          201: writtenOf(editedEntitySchema),
          ...writeProblems,
          409: problemSchema.describe('The id is taken, by a live or a retired entity (problem+json)'),
        },
      },
    },
    async (request, reply) => {
      const { reason, ...body } = request.body;
      const actor = request.principal!.name;
      const outcome = await reply.recordedWrite(
        { action: 'entity.create', target: `entities/${body.id}`, reason },
        async (tx) => {
          if (await getEntity(tx, body.id)) {
            throw conflict(`Entity ${body.id} already exists; use PATCH /v1/entities/${body.id} to change it.`, {
              errors: [{ path: 'body.id', message: `${body.id} exists` }],
            });
          }
          // Ids are never reused: a retired or merged-away entity keeps its id.
          const retired = await app.curation.findRetiredEntity(tx, body.id);
          if (retired) {
            throw conflict(`Entity ${body.id} was retired on ${retired.retiredAt}; ids are never reused.`, {
              errors: [{ path: 'body.id', message: `${body.id} was retired` }],
              ...(retired.mergedInto ? { mergedInto: retired.mergedInto } : {}),
            });
          }
          const at = new Date().toISOString();
          await app.entities.create(tx, {
            verified: false,
            membershipConfidence: 'unverified',
            ...entityProps(body),
            createdAt: at,
            createdBy: actor,
          });
          const after = (await getEntity(tx, body.id))!;
          return { changed: true, before: null, after, result: after };
        },
      );
      reply.header('location', `/v1/entities/${encodeURIComponent(body.id)}`);
      return reply.code(201).send({ data: outcome.result, meta: revisionMeta(outcome.revision) });
    },
  );

  app.patch(
    '/:id',
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: "Change an entity's name, kind, UNGIS membership, verification or source",
        description: 'Only the fields sent change; a PATCH that changes nothing records nothing.',
        params: z.object({ id: entityIdSchema }),
        headers: ifMatchHeaders,
        body: entityPatchSchema,
        response: { 200: writtenOf(editedEntitySchema), ...writeProblems },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { reason, ...body } = request.body;
      const actor = request.principal!.name;
      const outcome = await reply.recordedWrite(
        { action: 'entity.update', target: `entities/${id}`, reason },
        async (tx) => {
          const before = await getEntity(tx, id);
          if (!before) throw notFound(`No entity ${id}.`, [{ path: 'path.id', message: `unknown entity ${id}` }]);
          const wanted = normalise({
            ...before,
            ...body,
            source: body.source ? { ...body.source, url: body.source.url ?? null } : before.source,
          });
          if (JSON.stringify(wanted) === JSON.stringify(before))
            return { changed: false, before, after: before, result: before };
          await app.entities.update(tx, id, {
            ...entityProps(body),
            updatedAt: new Date().toISOString(),
            updatedBy: actor,
          });
          const after = (await getEntity(tx, id))!;
          return { changed: true, before, after, result: after };
        },
      );
      return { data: outcome.result, meta: revisionMeta(outcome.revision) };
    },
  );
};

export default entityEditRoutes;
