import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { gapCsvColumns, gapCsvRecord } from '../../../domain/gaps.js';
import { dayOfRead } from '../../../lib/as-of.js';
import { negotiateFormat, revisionMeta } from '../../../lib/conditional.js';
import { chooseHeaders, COLUMN_LABELS_NOTE, headersVariant } from '../../../lib/i18n/column-labels/index.js';
import { negotiateLanguage } from '../../../lib/i18n/languages.js';
import { problemResponses } from '../../../schemas/common.js';
import { gapKinds, gapsQuerySchema, gapsResponseSchema, type GapKind } from '../../../schemas/gaps.js';

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
  first (not a gap list: lets dashboards see overload);
- commitments-without-activity: GDC commitments no implementation activity serves;
- activities-past-due: activities not completed or cancelled whose due period ended (judged on the day of
  the response, UTC);
- entities-not-reported: per open reporting year, entities leading activities with no progress report for
  it (id \`<entity>@<year>\`).

JSON: \`meta.counts\` gives every selected kind's total; \`data\` holds one page per kind (\`limit\`, default
500, \`offset\`; each kind in a stable order: natural order, ids last). \`limit=0\` answers the counts alone.
\`?kind=\` selects one kind. Exports stream every item without paging: \`?format=csv\` (or Accept: text/csv)
has columns kind, id, label, reason (a pair's id is \`<line>|<commitment>\`), and with one \`kind\` that
kind's own fields too (a pair's actionLine and commitment; the workload's lead, co, partner and
responsibilities as numbers); \`?format=ndjson\` (or Accept: application/x-ndjson) gives one item per line
with its kind; \`bom=true\` starts a CSV with a UTF-8 byte order mark for Excel. Target labels follow \`?lang=\` or
Accept-Language (Content-Language says which); the rest is English. ETag from the graph revision and the
variant (kind, page, format, language, headers, the day). \`?version=\`/\`?revision=\` answer as the roadmap
stood then ("past due" still judged on today).

${COLUMN_LABELS_NOTE} A single kind's own CSV fields (actionLine, commitment, lead, co, partner,
responsibilities) keep their keys.`;

/** GET /v1/gaps. Cypher: cypher/gaps/count/<kind>.cypher and cypher/gaps/<kind>.cypher. */
const gapsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      // Rate limited per key or address as an expensive read (src/plugins/abuse-limits.ts); finished
      // bytes cached per revision (src/plugins/read-cache.ts).
      config: { expensive: true, revisionCache: true },
      schema: {
        tags: ['matrix'],
        summary: 'Coverage gaps of the roadmap, each with its reason: counts, pages, CSV or JSON-lines exports',
        description,
        querystring: gapsQuerySchema,
        produces: ['application/json', 'text/csv', 'application/x-ndjson'],
        response: {
          200: gapsResponseSchema,
          400: problemResponses[400],
          503: problemResponses[503],
        },
      },
    },
    async (request, reply) => {
      const { kind, limit, offset, bom } = request.query;
      const language = negotiateLanguage(request, reply);
      const format = negotiateFormat(request, ['json', 'csv', 'ndjson'], request.query.format);
      const kinds: GapKind[] = kind ? [kind] : [...gapKinds];
      const headers = chooseHeaders(language, request.query.headers, format);
      // "Past due" depends on the day as well as on the revision: the day is in every variant and key.
      // At a past version or revision it is the day that revision was committed.
      const today = await dayOfRead(request);

      if (format === 'csv' || format === 'ndjson') {
        const filename = `roadmap-gaps${kind ? `-${kind}` : ''}`;
        return app.gaps.export(
          reply,
          `gaps?kind=${kind ?? ''}&lang=${language}&on=${today}#${format}${format === 'csv' ? `:${headersVariant(headers)}${bom ? '+bom' : ''}` : ''}`,
          kinds,
          language,
          today,
          format === 'csv' ? gapCsvRecord : (k, item) => ({ kind: k, ...item }),
          format === 'csv'
            ? { kind: 'csv', columns: gapCsvColumns(kind, headers), filename, bom }
            : { kind: 'ndjson', filename },
        );
      }

      const outcome = await app.gaps.pages(reply, { kind, kinds, limit, offset, language, today });
      return {
        data: outcome.answer.data,
        meta: { ...revisionMeta(outcome.revision), counts: outcome.answer.counts, limit, offset },
      };
    },
  );
};

export default gapsRoutes;
