import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { LinkKey } from '../../db/links.js';
import { deleteLink, putLink, type EndPoint } from '../../lib/link-writes.js';
import { problemSchema } from '../../schemas/common.js';
import {
  ifMatchHeaders,
  linkDeleteResponses,
  linkPutResponses,
  reasonQuery,
  type sourceInputSchema,
} from '../../schemas/editing.js';

/** What every link PUT body may carry (role and replaceLead only where the link has them). */
interface LinkPutBody {
  role?: string;
  status?: 'proposed' | 'endorsed' | 'retired';
  source?: z.infer<typeof sourceInputSchema>;
  rationale?: string | null;
  reason?: string;
  replaceLead?: boolean;
}

export interface LinkResource<Params extends z.ZodObject> {
  /** e.g. '/action-lines/:id/facilitators/:entityId' */
  path: string;
  params: Params;
  body: z.ZodType<LinkPutBody>;
  /** Which link the path names, and the two nodes that must exist (404 naming each missing one). */
  key: (params: z.infer<Params>) => LinkKey;
  ends: (params: z.infer<Params>) => EndPoint[];
  put: { summary: string; description: string; conflict?: string };
  deleteSummary: string;
}

/**
 * PUT (create or update, idempotent) and DELETE of one kind of roadmap link, editor role, through
 * the one write path (putLink / deleteLink → recordedWrite: If-Match, revision, Change record).
 */
export function registerLinkResource<Params extends z.ZodObject>(
  app: FastifyInstance,
  resource: LinkResource<Params>,
): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.put(
    resource.path,
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: resource.put.summary,
        description: resource.put.description,
        params: resource.params,
        headers: ifMatchHeaders,
        body: resource.body,
        response: resource.put.conflict
          ? { ...linkPutResponses, 409: problemSchema.describe(resource.put.conflict) }
          : linkPutResponses,
      },
    },
    async (request, reply) => {
      const params = request.params as z.infer<Params>;
      const { source, ...fields } = request.body as LinkPutBody;
      const outcome = await putLink(request, reply, resource.key(params), resource.ends(params), {
        ...fields,
        source: source && { ...source, url: source.url ?? null },
      });
      return reply.code(outcome.result.created ? 201 : 200).send({ data: outcome.result.link });
    },
  );

  routes.delete(
    resource.path,
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: resource.deleteSummary,
        params: resource.params,
        querystring: reasonQuery,
        headers: ifMatchHeaders,
        response: linkDeleteResponses,
      },
    },
    async (request, reply) => {
      const params = request.params as z.infer<Params>;
      await deleteLink(request, reply, resource.key(params), resource.ends(params), request.query.reason);
      return reply.code(204).send(null);
    },
  );
}
