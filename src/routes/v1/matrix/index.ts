import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { normalizeMatrixQuery, statusesOf } from '../../../domain/matrix.js';
import { describePivots, resolvePivot } from '../../../domain/matrix-pivots.js';
import { negotiateFormat, revisionMeta } from '../../../lib/conditional.js';
import { badRequest } from '../../../lib/problems.js';
import { chooseHeaders, COLUMN_LABELS_NOTE, headersVariant } from '../../../lib/i18n/column-labels/index.js';
import { negotiateLanguage } from '../../../lib/i18n/languages.js';
import { XLSX_MEDIA_TYPE } from '../../../lib/xlsx.js';
import { problemResponses } from '../../../schemas/common.js';
import { matrixQuerySchema, matrixResponseSchema } from '../../../schemas/matrix.js';
import { MATRIX_TIDY_COLUMNS, sendMatrixCsv, sendMatrixXlsx } from './render.js';

export const matrixDescription = `The joint roadmap matrix: rows × columns, a sparse list of cells where at least one link joins
the row and the column. Rows and columns list every member of their axis after the filters, in natural
order (C1…C11 with the C7 sub-lines after C7; commitments by paragraph and letter; goals and objectives by
number; targets by goal then target number, lettered targets last; entities by id).

Roll-ups are explicit: a link whose end is not on an axis counts for the member it belongs to, and names
that end in \`via\` (a target's goal, a commitment's objective). \`derived=true\` (rows=action-lines&cols=sdgs
only) adds the two-hop paths line ALIGNS_WITH commitment CONTRIBUTES_TO goal as links with \`derived: true\`
(status: the weaker hop; source: the ALIGNS_WITH hop's).

Statuses: without \`status\` the matrix is computed over every link that is not retired; \`status=X\` computes
it over the links of status X only — cells, roll-ups, both hops of a derived path, cell entities and the
entity filter alike. Filters narrow member sets, shown or used in between: \`objective\` (commitments,
objectives), \`goal\` (goals, targets), \`entity\` (entities → that one; lines → those it facilitates;
commitments → those it is responsible for; objectives → those holding such a commitment). A filter that
narrows nothing the pivot uses is 400; an unknown entity is 400.

Pivots (cell meaning, or why the pair is refused):
${describePivots()}

Languages: SDG and target labels follow \`?lang=\` or Accept-Language (ar, zh, en, fr, ru, es; Content-Language
says which), and so do the CSV and XLSX column headers; action lines, GDC texts and entities stay English. In Arabic
the XLSX sheets read right to left. ${COLUMN_LABELS_NOTE} The pivot CSV's column ids and the sheet names stay as they are.

Formats: JSON (default); \`?format=csv\` / \`Accept: text/csv\`: header \`row,<column ids>\`, one line per row, each cell
as compact text — each link \`<status>[@<via>][(derived)]\`, links joined with \`|\`, then \`;<role>:<entity>\` per
entity (line × commitment cells: \`;<line role>/<commitment role>:<entity>\`), e.g. \`endorsed;lead:ITU\`;
\`&layout=tidy\` (CSV only): one line per link of every cell, columns ${MATRIX_TIDY_COLUMNS.join(', ')}
(\`roles\`: the cell's entities as \`<role>:<entity>\` joined with \`|\`).
\`?format=xlsx\`: a workbook with the Matrix sheet (ids and labels, frozen header rows and first columns; empty cells
are blank; each cell coloured by its strongest status; landscape, fit to one page wide, header rows repeated on
every printed page), a Links sheet (every link of every cell with its source) and an About sheet (query, revision,
the revision's commit time as the export time, legend, sources). The same revision and query give the same bytes. \`bom=true\` starts the CSV
(either layout) with a UTF-8 byte order mark for Excel.

Caching: ETag from the graph revision (304 on If-None-Match); computed matrices are cached per
(revision, normalised query), never served for another revision.`;

/** GET /v1/matrix. Cypher: cypher/matrix/<family>.cypher, one round trip per matrix. */
const matrixRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      // Rate limited per key or address as an expensive read (src/plugins/abuse-limits.ts); finished
      // bytes cached per revision (src/plugins/read-cache.ts).
      config: { expensive: true, revisionCache: true },
      // Sent as built, not re-validated: the builder makes the schema's shape (tests/api/matrix.test.ts
      // checks every pivot's body against the schema), and validating megabytes of cells on every
      // cold read cost a third of the read at 750 k links.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags: ['matrix'],
        summary: 'The joint roadmap matrix (JSON, CSV or XLSX)',
        description: matrixDescription,
        querystring: matrixQuerySchema,
        produces: ['application/json', 'text/csv', XLSX_MEDIA_TYPE],
        response: {
          200: matrixResponseSchema.describe('JSON; text/csv and the xlsx media type as described above'),
          400: problemResponses[400],
          503: problemResponses[503],
        },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const pivot = resolvePivot(query);
      const format = negotiateFormat(request, ['json', 'csv', 'xlsx'], query.format);
      if (query.layout === 'tidy' && format !== 'csv') {
        throw badRequest(`layout=tidy is a CSV layout; this request asks for ${format}.`, [
          { path: 'query.layout', message: 'tidy applies to format=csv (or Accept: text/csv) only' },
        ]);
      }
      const language = negotiateLanguage(request, reply);
      const normalized = normalizeMatrixQuery(query, language);
      const headers = chooseHeaders(language, query.headers, format);
      const shape = format === 'json' ? '' : `:${headersVariant(headers)}`;
      const variant = `matrix?${normalized}#${format}${shape}${format === 'csv' ? `:${query.layout}${query.bom ? '+bom' : ''}` : ''}`;
      const outcome = await app.matrix.read(reply, {
        query,
        pivot,
        language,
        normalized,
        variant,
        withCommittedAt: format === 'xlsx',
      });
      const { matrix, revision, committedAt } = outcome;
      const statuses = statusesOf(query);
      if (format === 'csv') return sendMatrixCsv(reply, matrix, query, revision, headers, query.bom);
      if (format === 'xlsx') return sendMatrixXlsx(reply, matrix, query, { revision, committedAt }, statuses, headers);
      return {
        data: matrix,
        meta: {
          rows: query.rows,
          cols: query.cols,
          ...revisionMeta(revision),
          status: statuses,
          derived: query.derived,
        },
      };
    },
  );
};

export default matrixRoutes;
