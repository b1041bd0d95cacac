import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PutLinkChange } from '../../domain/link-writes.js';
import { editableLinkKinds, type LinkKey, type LinkKind, linkKinds, linkTarget } from '../../domain/links.js';
import { type NodeLabel, nodeKinds } from '../../domain/nodes.js';
import { revisionMeta } from '../../lib/conditional.js';
import { badRequest } from '../../lib/problems.js';
import { problemSchema } from '../../schemas/common.js';
import { ifMatchHeaders, reasonBody, reasonQuery } from '../../schemas/writes.js';
// The editing schemas register their OpenAPI components in this order (openapi.json keeps its order).
import '../../schemas/caller.js';
import { linkDeleteResponses, linkPutBody, linkPutResponses, type LinkPutBody } from '../../schemas/link-edits.js';
import '../../schemas/entity-edits.js';
import '../../schemas/commitment-edits.js';
import '../../schemas/changes.js';
import '../../schemas/imports.js';

/**
 * PUT (create or update, idempotent) and DELETE of every editable link kind the registry
 * (src/domain/links.ts) hangs below `owner`, editor role, through the one write path
 * (reply.recordedWrite: If-Match, revision, Change record). Register inside the owner's folder,
 * whose prefix is the owner's collection: routes are /:id/<segment>/:<childParam>.
 */
export function registerLinkResources(app: FastifyInstance, owner: NodeLabel): void {
  for (const kind of editableLinkKinds) {
    const spec = linkKinds[kind];
    const resource = spec.resource;
    if (!resource) continue;
    const [ownerLabel, childLabel] = resource.owner === 'to' ? [spec.to, spec.from] : [spec.from, spec.to];
    if (ownerLabel !== owner) continue;
    registerOne(app, kind, childLabel);
  }
}

function registerOne(app: FastifyInstance, kind: LinkKind, childLabel: NodeLabel): void {
  const spec = linkKinds[kind];
  const resource = spec.resource!;
  const ownerLabel = resource.owner === 'to' ? spec.to : spec.from;
  const params = z.object({ id: nodeKinds[ownerLabel].param, [resource.childParam]: nodeKinds[childLabel].param });
  const childPath = `path.${resource.childParam}`;
  const paths = resource.owner === 'to' ? { from: childPath, to: 'path.id' } : { from: 'path.id', to: childPath };
  const keyOf = (p: Record<string, string>): LinkKey => {
    const child = p[resource.childParam]!;
    return resource.owner === 'to' ? { kind, from: child, to: p.id! } : { kind, from: p.id!, to: child };
  };
  const path = `/:id/${resource.segment}/:${resource.childParam}`;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const conflict = 'conflict' in resource.put ? resource.put.conflict : undefined;

  routes.put(
    path,
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: resource.put.summary,
        description: resource.put.description,
        params,
        headers: ifMatchHeaders,
        body: linkPutBody(kind),
        response: conflict ? { ...linkPutResponses, 409: problemSchema.describe(conflict) } : linkPutResponses,
      },
    },
    async (request, reply) => {
      const key = keyOf(request.params as Record<string, string>);
      const { source, reason, ...fields } = request.body as LinkPutBody;
      const change: PutLinkChange = { ...fields, source: source && { ...source, url: source.url ?? null } };
      const actor = request.principal?.name ?? 'unknown';
      const outcome = await reply.recordedWrite(
        { action: `${spec.action}.put`, target: linkTarget(key), reason },
        (tx) => app.links.put(tx, key, paths, change, actor),
      );
      return reply
        .code(outcome.result.created ? 201 : 200)
        .send({ data: outcome.result.link, meta: revisionMeta(outcome.revision) });
    },
  );

  routes.delete(
    path,
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: resource.deleteSummary,
        description:
          'The reason recorded in the change log comes from the JSON body `{"reason": "..."}` or from `?reason=` ' +
          '(for clients that cannot send a body with DELETE); sending two different reasons is 400.',
        params,
        querystring: reasonQuery,
        body: reasonBody,
        headers: ifMatchHeaders,
        response: linkDeleteResponses,
      },
    },
    async (request, reply) => {
      const key = keyOf(request.params as Record<string, string>);
      const fromQuery = request.query.reason;
      const fromBody = request.body?.reason;
      if (fromQuery !== undefined && fromBody !== undefined && fromQuery !== fromBody) {
        throw badRequest('Send the reason once: the body and the reason query parameter differ.', [
          { path: 'query.reason', message: 'differs from body.reason' },
          { path: 'body.reason', message: 'differs from query.reason' },
        ]);
      }
      await reply.recordedWrite(
        { action: `${spec.action}.delete`, target: linkTarget(key), reason: fromBody ?? fromQuery },
        (tx) => app.links.delete(tx, key, paths),
      );
      return reply.code(204).send(null);
    },
  );
}
