import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { diffCsvColumns, diffCsvRows } from '../../../domain/time-travel.js';
import { negotiateFormat } from '../../../lib/conditional.js';
import { sendCsv } from '../../../lib/csv.js';
import { addTableSheet, newWorkbook, sendWorkbook, XLSX_MEDIA_TYPE } from '../../../lib/xlsx.js';
import { itemOf, problemResponses, problemSchema } from '../../../schemas/common.js';
import { diffQuerySchema, diffSchema } from '../../../schemas/versions.js';

/** GET /v1/diff: what changed between two versions or revisions, from the change log. */
const diffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['versions'],
        summary: 'What changed between two versions or revisions (JSON, CSV or XLSX)',
        description:
          '`from` and `to` are version ids (v1) or revision numbers; `to` defaults to now. The NET difference: ' +
          'links added, removed and changed (status, role, source, rationale; who/when stamps are not content) ' +
          'and node properties changed (entities, GDC commitments), each compared between its state at `from` ' +
          'and at `to` — an edit undone in between does not show. Computed from the change log, which records ' +
          'the full state before and after every write.\n\n' +
          `CSV (\`?format=csv\` / \`Accept: text/csv\`): columns ${diffCsvColumns.join(', ')}; one row per added or ` +
          'removed link (its status in before/after), per changed field, per added node. XLSX: the same rows in ' +
          'a Diff sheet and an About sheet. `from` after `to` is 400; a revision in the future is 400; one the log ' +
          'cannot rebuild is 422.',
        querystring: diffQuerySchema,
        produces: ['application/json', 'text/csv', XLSX_MEDIA_TYPE],
        response: {
          200: itemOf(diffSchema),
          ...problemResponses,
          422: problemSchema.describe('`from` is before what the change log can rebuild (problem+json)'),
        },
      },
    },
    async (request, reply) => {
      const { from, to, format: explicit } = request.query;
      const format = negotiateFormat(request, ['json', 'csv', 'xlsx'], explicit);
      const diff = await app.versions.diff(reply, from, to, `diff?from=${from}&to=${to ?? ''}#${format}`);
      const name = `roadmap-diff-r${diff.from.revision}-r${diff.to.revision}`;
      if (format === 'csv') return sendCsv(reply, [...diffCsvColumns], diffCsvRows(diff), `${name}.csv`);
      if (format === 'xlsx') {
        const workbook = newWorkbook();
        addTableSheet(
          workbook,
          'Diff',
          diffCsvColumns.map((c) => ({
            header: c,
            width: c === 'before' || c === 'after' ? 40 : 18,
            value: (r: Record<string, string>) => r[c],
          })),
          diffCsvRows(diff),
        );
        addTableSheet(
          workbook,
          'About',
          [
            { header: 'what', width: 20, value: (r: [string, string]) => r[0] },
            { header: 'value', width: 60, value: (r: [string, string]) => r[1] },
          ],
          [
            ['from', `revision ${diff.from.revision}${diff.from.version ? ` (version ${diff.from.version})` : ''}`],
            ['to', `revision ${diff.to.revision}${diff.to.version ? ` (version ${diff.to.version})` : ''}`],
            ['source', 'The change log of the WSIS–GDC–SDG roadmap graph service'],
          ] as [string, string][],
        );
        return sendWorkbook(reply, workbook, `${name}.xlsx`);
      }
      return { data: diff };
    },
  );
};

export default diffRoutes;
