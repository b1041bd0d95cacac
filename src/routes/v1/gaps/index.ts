import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conditionalRead, negotiateFormat, revisionMeta } from '../../../lib/conditional.js';
import { sendCsv } from '../../../lib/csv.js';
import {
  chooseHeaders,
  COLUMN_LABELS_NOTE,
  headersVariant,
  localizedColumns,
} from '../../../lib/i18n/column-labels/index.js';
import { negotiateLanguage } from '../../../lib/i18n/languages.js';
import { RevisionLru } from '../../../lib/matrix-cache.js';
import { problemResponses } from '../../../schemas/common.js';
import { gapKinds, gapsQuerySchema, gapsResponseSchema, type Gaps } from '../../../schemas/gaps.js';
import { computeGaps, gapCsvRows, type AllGaps } from './compute.js';

const description = `Where the roadmap has holes, counting only links that are not retired (a retired link never
closes a gap). Each item says why it is listed (\`reason\`). Kinds:
- commitments-without-action-line: GDC commitments no action line ALIGNS_WITH;
- commitments-without-responsible-entity: GDC commitments no entity is RESPONSIBLE_FOR;
- action-lines-without-lead: C1…C11 and the C7 sub-lines with no lead FACILITATES (C7 itself is
  represented by its sub-lines and never listed);
- sdg-targets-without-support: targets no action line SUPPORTS directly (goal-level SUPPORTS do not count;
  the reason names them);
- aligned-pairs-without-shared-entity: ALIGNS_WITH pairs (line, commitment) where no entity both
  facilitates the line (any role) and is responsible for the commitment (any role);
- entity-workload: per entity its lead/co/partner facilitation counts and its responsibilities, busiest
  first (not a gap list: lets dashboards see overload).
\`?kind=\` selects one; \`?format=csv\` (or Accept: text/csv) gives flat rows kind, id, label, reason
(a pair's id is \`<line>|<commitment>\`; \`bom=true\` adds a UTF-8 byte order mark for Excel). Target labels follow
\`?lang=\` or Accept-Language (Content-Language says which); the rest is English. One Cypher round trip; ETag from
the graph revision.

${COLUMN_LABELS_NOTE}`;

const GAP_CSV_COLUMNS = ['kind', 'id', 'label', 'reason'] as const;

/** GET /v1/gaps. Cypher: cypher/gaps/all.cypher. */
const gapsRoutes: FastifyPluginAsyncZod = async (app) => {
  const cache = new RevisionLru<AllGaps>(8);

  app.get(
    '/',
    {
      // Rate limited per key or address as an expensive read (src/plugins/abuse-limits.ts).
      config: { expensive: true },
      schema: {
        tags: ['matrix'],
        summary: 'Coverage gaps of the roadmap, each with its reason (JSON or CSV)',
        description,
        querystring: gapsQuerySchema,
        produces: ['application/json', 'text/csv'],
        response: {
          200: gapsResponseSchema,
          400: problemResponses[400],
          503: problemResponses[503],
        },
      },
    },
    async (request, reply) => {
      const { kind, bom } = request.query;
      const language = negotiateLanguage(request, reply);
      const format = negotiateFormat(request, ['json', 'csv'], request.query.format);
      const kinds = kind ? [kind] : [...gapKinds];
      const headers = chooseHeaders(language, request.query.headers, format);
      const outcome = await conditionalRead(
        request,
        reply,
        `gaps?kind=${kind ?? ''}&lang=${language}#${format}${format === 'csv' ? `:${headersVariant(headers)}${bom ? '+bom' : ''}` : ''}`,
        async (tx, revision, whenConsistent) => ({
          revision,
          gaps: await cache.getOrCompute(
            revision,
            `all:${language}`,
            async () => {
              const { gaps, cacheable } = await computeGaps(tx, revision, language);
              return { value: gaps, cacheable };
            },
            whenConsistent,
          ),
        }),
      );
      const data: Gaps = Object.fromEntries(kinds.map((k) => [k, outcome.gaps[k]]));
      if (format === 'csv') {
        return sendCsv(
          reply,
          localizedColumns(GAP_CSV_COLUMNS, headers),
          gapCsvRows(data, kinds),
          `roadmap-gaps-r${outcome.revision}.csv`,
          { bom },
        );
      }
      return {
        data,
        meta: {
          ...revisionMeta(outcome.revision),
          counts: Object.fromEntries(kinds.map((k) => [k, outcome.gaps[k].length])),
        },
      };
    },
  );
};

export default gapsRoutes;
