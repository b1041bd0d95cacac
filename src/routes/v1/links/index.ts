import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fromUrl, urlInteger } from '../../../domain/ids.js';
import { roadmapLinkTypes } from '../../../domain/links.js';
import { negotiateFormat } from '../../../lib/conditional.js';
import {
  COLUMN_LABELS_NOTE,
  headersQuery,
  headersVariant,
  localizedColumns,
  negotiateHeaderLanguage,
} from '../../../lib/i18n/column-labels/index.js';
import { bomQuery, linkStatusSchema, listOf, paginationQuery, problemResponses } from '../../../schemas/common.js';
import { linkCsvColumns, linkCsvRow, linkSchema, linkTypeSchema, type Link } from '../../../schemas/links.js';
import { asOfQuery } from '../../../schemas/versions.js';

const nodeIdFilter = z.string().min(1).max(100);

/** GET /v1/links: every roadmap link with its provenance, as JSON pages or one CSV. Data: src/repositories/links.ts. */
const linkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['links'],
        summary: 'List every roadmap link with its status and source (JSON or CSV)',
        description:
          `Roadmap links only: ${roadmapLinkTypes.join(', ')} (the ` +
          'structural PART_OF, UNDER, OF and MEASURES are not listed). Ordered by type, from, to. ' +
          '`from` and `to` are node ids as strings (an SDG is "5", a target "5.b"). Filters: `type`, `from`, ' +
          '`to`, `status`.\n\n' +
          'JSON is paginated (`limit`, default 100, and `offset`). CSV (`?format=csv` or `Accept: text/csv`) and JSON lines ' +
          '(`?format=ndjson` or `Accept: application/x-ndjson`, one link per line) stream every matching link in one ' +
          'file unless `limit` or `offset` is given, which they honour the same way; ' +
          `CSV columns, in order: ${linkCsvColumns.join(', ')} (the source flattened into sourceDocument, sourceLocator, sourceUrl; ` +
          'empty cells for null role, rationale and sourceUrl). An Accept header allowing neither JSON nor CSV is 406. ' +
          'Labels are English (SDG short titles included); `?lang=` and Accept-Language choose the language of the ' +
          `CSV headers only.\n\n${COLUMN_LABELS_NOTE}`,
        querystring: paginationQuery
          .extend({
            limit: fromUrl(urlInteger({ min: 1, max: 500 }).optional()).describe(
              'Page size, 1–500 (JSON default 100; CSV default: every link)',
            ),
            type: linkTypeSchema.optional(),
            from: nodeIdFilter.optional().describe('Id of the source node, e.g. ITU or C2'),
            to: nodeIdFilter.optional().describe('Id of the target node, e.g. C2, 11a, 5.b or 5'),
            status: linkStatusSchema.optional(),
          })
          .extend({
            format: z
              .enum(['json', 'csv', 'ndjson'])
              .optional()
              .describe('json (default), csv or ndjson; Accept: text/csv or application/x-ndjson work too'),
          })
          .extend(bomQuery.shape)
          .extend(headersQuery.shape)
          .extend(asOfQuery.shape)
          .strict(),
        produces: ['application/json', 'text/csv', 'application/x-ndjson'],
        response: {
          200: listOf(linkSchema),
          400: problemResponses[400],
          503: problemResponses[503],
        },
      },
    },
    async (request, reply) => {
      const { limit: asked, offset, type, from, to, status, format, bom } = request.query;
      const chosen = negotiateFormat(request, ['json', 'csv', 'ndjson'], format);
      const headers = negotiateHeaderLanguage(request, reply, chosen, request.query.headers);
      const representation = `${chosen}${chosen === 'csv' ? ` ${headersVariant(headers)}` : ''}`;
      const filters = { type: type ?? null, from: from ?? null, to: to ?? null, status: status ?? null };
      if (chosen !== 'json') {
        // Exports are every link unless a page is asked for (limit and offset are honoured then).
        return app.links.export(
          reply,
          representation,
          filters,
          { limit: asked ?? null, offset },
          chosen === 'csv'
            ? { kind: 'csv', columns: localizedColumns(linkCsvColumns, headers), filename: 'links', bom }
            : { kind: 'ndjson', filename: 'links' },
          chosen === 'csv' ? (row) => linkCsvRow(row as Link) : (row) => row,
        );
      }
      const limit = asked ?? 100;
      const page = await app.links.list(reply, representation, filters, { limit, offset });
      return { data: page.items, meta: { total: page.total, limit, offset } };
    },
  );
};

export default linkRoutes;
