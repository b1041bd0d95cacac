import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type ReferenceKind,
  type ReferencePlan,
  referenceColumns,
  referenceRowsFromCsv,
  type RowError,
} from '../../../curation/reference-import.js';
import { newImportId, planReport } from '../../../domain/import.js';
import { representationEtag } from '../../../lib/conditional.js';
import { unprocessable } from '../../../lib/problems.js';
import { referenceImportBodySchema, referenceImportResultSchema } from '../../../schemas/curation.js';
import { importProblemSchema, importQuery } from '../../../schemas/imports.js';
import { ifMatchHeaders, writeProblems } from '../../../schemas/writes.js';

const result = (plan: ReferencePlan, dryRun: boolean, revision: number) => ({
  dryRun,
  revision,
  ...planReport(plan),
});

const descriptions: Record<ReferenceKind, string> = {
  commitments:
    'Rows name a commitment by `id` or `paragraph` (+ `letter`); both must agree. `op`: upsert (default) or retire ' +
    '(its links are retired with it). A new commitment needs objective, section, sectionTitle, summary and source; ' +
    'on an existing one an empty cell keeps the value (`sdgs` "none" clears the cited SDGs). `sdgs`: goal numbers ' +
    'separated by ";" (JSON: an array). A changed paragraph or letter is a renumbering: POST …/renumber.',
  entities:
    '`op`: upsert (default) or retire (its links are retired with it). A new entity needs name, kind, ungisMember and ' +
    'source; on an existing one an empty cell keeps the value.',
};

/**
 * POST /v1/imports/commitments and /v1/imports/entities (admin role): a whole corrected list in one
 * reviewed step. Same rules as the link import: dry run = diff only; otherwise all rows in one
 * transaction or none (422 listing every row error). Rules: src/curation/reference-import.ts.
 * Registered by the imports plugin, whose text/csv parser it shares.
 */
const referenceImportRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const kind of ['commitments', 'entities'] as const) {
    app.post(
      `/imports/${kind}`,
      {
        config: { minRole: 'admin' },
        schema: {
          tags: ['curation'],
          summary: `Bulk import of ${kind === 'commitments' ? 'GDC commitments' : 'entities'} (CSV or JSON), all or nothing`,
          description:
            `CSV (\`Content-Type: text/csv\`) with the header \`${referenceColumns[kind].join(',')}\` (any order), or JSON ` +
            '`{rows: [...], reason?}` with the same keys. ' +
            descriptions[kind] +
            ' Rows are numbered from 1 (the first data row).\n\n`?dryRun=true`: 200 with the diff and nothing ' +
            'written. Otherwise every row is applied in one transaction (one Change per record, plus the links ' +
            'a retirement retires, plus one `import` Change) or none: any bad row → 422 listing every row error.',
          consumes: ['application/json', 'text/csv'],
          querystring: importQuery,
          headers: ifMatchHeaders,
          body: referenceImportBodySchema,
          response: {
            200: referenceImportResultSchema,
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
        let preErrors: RowError[] = [];
        let reason = request.query.reason;
        if (typeof body === 'string') ({ rows, errors: preErrors } = referenceRowsFromCsv(kind, body));
        else {
          rows = body.rows;
          reason = body.reason ?? reason;
        }

        if (request.query.dryRun) {
          const { plan, revision } = await app.curation.dryRunImport(reply, kind, rows, preErrors);
          reply.header('etag', representationEtag(revision));
          reply.header('cache-control', 'no-store');
          return result(plan, true, revision);
        }

        const importId = newImportId();
        const actor = { name: request.principal!.name, at: new Date().toISOString() };
        const rowReason = `import ${importId}${reason ? `: ${reason}` : ''}`;
        const outcome = await reply.recordedWrite(
          { action: 'import', target: `imports/${importId}`, reason },
          async (tx) => {
            const plan = await app.curation.planImport(tx, kind, rows, preErrors);
            if (plan.errors.length > 0) {
              throw unprocessable(
                `${plan.errors.length} error(s) in ${new Set(plan.errors.map((e) => e.row)).size} row(s): nothing was imported.`,
                plan.errors,
              );
            }
            if (plan.writes.length === 0) return { changed: false, before: null, after: null, result: plan };
            const also = await app.curation.applyImport(tx, kind, plan, actor, rowReason);
            const after = {
              importId,
              kind,
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
  }
};

export default referenceImportRoutes;
