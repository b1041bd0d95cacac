import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { qualityCsvRows } from '../../../curation/quality.js';
import { negotiateFormat } from '../../../lib/conditional.js';
import { sendCsv } from '../../../lib/csv.js';
import { problemResponses } from '../../../schemas/common.js';
import { qualityQuery, qualitySchema } from '../../../schemas/curation.js';
import { z } from 'zod';

const description = `What of the reference is still unverified or weak, so curators know what to check next:
- commitments: unverified, low confidence, without a paragraph, citing no SDG (retired ones left out, counted apart);
- entities: unverified, membership confidence low or unverified, and unverified entities that hold a lead
  role (FACILITATES or RESPONSIBLE_FOR lead, not retired);
- links: every roadmap link that is not retired, unverified or of low confidence;
- history: commitment and entity counts after each revision that changed one, rebuilt from the change log
  back to the last seed load.
\`?format=csv\` (or Accept: text/csv): one line per listed item \`kind,issue,id,detail\`. ETag from the graph revision.`;

/** GET /v1/quality. Cypher: cypher/curation/quality*.cypher. */
const qualityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['curation'],
        summary: 'Data quality of the reference: unverified and weak commitments, entities and links (JSON or CSV)',
        description,
        querystring: qualityQuery,
        produces: ['application/json', 'text/csv'],
        response: {
          200: z.object({ data: qualitySchema }),
          400: problemResponses[400],
          503: problemResponses[503],
        },
      },
    },
    async (request, reply) => {
      const format = negotiateFormat(request, ['json', 'csv'], request.query.format);
      const quality = await app.curation.quality(reply, format);
      if (format === 'csv') {
        return sendCsv(
          reply,
          ['kind', 'issue', 'id', 'detail'],
          qualityCsvRows(quality),
          `quality-r${quality.revision}.csv`,
        );
      }
      return { data: quality };
    },
  );
};

export default qualityRoutes;
