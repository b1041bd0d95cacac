import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import referenceImportRoutes from './reference.js';
import { newImportId, planReport, rowsFromCsv, type ImportError, type ImportPlan } from '../../../domain/import.js';
import { representationEtag } from '../../../lib/conditional.js';
import { unprocessable } from '../../../lib/problems.js';
import { importBodySchema, importProblemSchema, importQuery, importResultSchema } from '../../../schemas/imports.js';
import { ifMatchHeaders, writeProblems } from '../../../schemas/writes.js';

const result = (plan: ImportPlan, dryRun: boolean, revision: number) => ({
  dryRun,
  revision,
  etag: representationEtag(revision),
  ...planReport(plan),
});

/**
 * POST /v1/imports (editor role): many links at once, all or nothing. See src/domain/import.ts for
 * the row format. A dry run answers the diff and writes nothing; otherwise any bad row is 422
 * with every row error and nothing written, and a successful import records one Change per row
 * that changed something plus one `import` Change, all at one new revision.
 */
const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // CSV bodies arrive as text; only this plugin accepts text/csv.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.post(
    '/imports',
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: 'Bulk import of facilitators, responsibilities, alignments and SDG links (CSV or JSON)',
        description:
          'CSV (`Content-Type: text/csv`) with the header `type,from,to,role,status,source,rationale,op`, or JSON ' +
          '`{rows: [...], reason?}` with the same keys. `type`: FACILITATES (entity → action line), RESPONSIBLE_FOR ' +
          '(entity → GDC commitment), ALIGNS_WITH (action line → GDC commitment), SUPPORTS (action line → SDG target ' +
          'such as 5.b, or goal such as 5). `role`: lead|co|partner for FACILITATES, lead|co|contributor for ' +
          'RESPONSIBLE_FOR. `status`: proposed|endorsed|retired (new links default to proposed). `source`: ' +
          '"document|locator|url" (url optional; JSON may send an object); required for a new link. `op`: upsert ' +
          '(default) or delete (deleting a missing link is a no-op). Empty cells keep the current value. One lead per ' +
          'action line after the whole import. Rows are numbered from 1 (the first data row).\n\n' +
          '`?dryRun=true`: 200 with the diff (added/changed/removed/unchanged/errors) and nothing written. Otherwise ' +
          'all rows are applied in one transaction or none: any bad row → 422 listing every row error.',
        consumes: ['application/json', 'text/csv'],
        querystring: importQuery,
        headers: ifMatchHeaders,
        body: importBodySchema,
        response: {
          200: importResultSchema,
          ...writeProblems,
          422: importProblemSchema.describe(
            'At least one row is invalid: `errors` lists every row error ({row, path, message}); nothing was written',
          ),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      let rows: Record<string, unknown>[];
      let preErrors: ImportError[] = [];
      let reason = request.query.reason;
      if (typeof body === 'string') {
        ({ rows, errors: preErrors } = rowsFromCsv(body));
      } else {
        rows = body.rows;
        reason = body.reason ?? reason;
      }

      if (request.query.dryRun) {
        const { plan, revision } = await app.imports.dryRun(rows, preErrors);
        reply.header('etag', representationEtag(revision));
        reply.header('cache-control', 'no-store');
        return result(plan, true, revision);
      }

      const importId = newImportId();
      const actor = request.principal!.name;
      const rowReason = `import ${importId}${reason ? `: ${reason}` : ''}`;
      const outcome = await reply.recordedWrite(
        { action: 'import', target: `imports/${importId}`, reason },
        async (tx) => {
          const plan = await app.imports.plan(tx, rows, preErrors);
          if (plan.errors.length > 0) {
            throw unprocessable(
              `${plan.errors.length} error(s) in ${new Set(plan.errors.map((e) => e.row)).size} row(s): nothing was imported.`,
              plan.errors.map((e) => ({ row: e.row, path: e.path, message: e.message })),
            );
          }
          if (plan.writes.length === 0) return { changed: false, before: null, after: null, result: plan };
          const also = await app.imports.apply(tx, plan, actor, new Date().toISOString(), rowReason);
          const after = {
            importId,
            rows: plan.rows,
            added: plan.added.length,
            changed: plan.changed.length,
            removed: plan.removed.length,
            unchanged: plan.unchanged.length,
          };
          return { changed: true, before: null, after, also, result: plan };
        },
      );
      return result(outcome.result, false, outcome.revision);
    },
  );

  // Commitments and entities (POST /v1/imports/commitments, /v1/imports/entities), same CSV parser.
  await app.register(referenceImportRoutes);
};

export default importRoutes;
