import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type ActivityView,
  activityCsvColumns,
  actualsErrors,
  sameActivity,
  viewOf,
} from '../../../domain/activities.js';
import { fromUrl, urlInteger } from '../../../domain/ids.js';
import { nodeKinds } from '../../../domain/nodes.js';
import { negotiateFormat, revisionMeta } from '../../../lib/conditional.js';
import {
  COLUMN_LABELS_NOTE,
  headersQuery,
  headersVariant,
  negotiateHeaderLanguage,
} from '../../../lib/i18n/column-labels/index.js';
import { XLSX_MEDIA_TYPE } from '../../../lib/xlsx.js';
import { badRequest } from '../../../lib/problems.js';
import {
  activityCreateSchema,
  activityListQuery,
  activityPatchSchema,
  activitySchema,
  progressPutSchema,
  progressSchema,
  reportingYearParam,
} from '../../../schemas/activities.js';
import {
  bomQuery,
  listOf,
  paginationQuery,
  problemResponses,
  problemSchema,
  writtenOf,
} from '../../../schemas/common.js';
import { ifMatchHeaders, writeProblems } from '../../../schemas/writes.js';
import { sendActivitiesCsv, sendActivitiesXlsx } from './render.js';
import { checkActivity, checkScope, requireOpenCycle } from './rules.js';

const activityParam = nodeKinds.Activity.param;

const activityDetailSchema = activitySchema.extend({ progress: z.array(progressSchema) });

const scopeNote =
  'A focal-point key (limited to one entity) may write only activities its entity leads; another is 403.';

/** /v1/activities: implementation activities and their yearly progress (editor writes, audited). */
const activityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['activities'],
        summary: 'Implementation activities, in id order, with optional filters (JSON, CSV or XLSX)',
        description:
          'JSON is paginated (`limit`, default 100, and `offset`). CSV (`?format=csv` or `Accept: text/csv`) and ' +
          'XLSX (`?format=xlsx` or its media type) hold every activity the filters keep unless `limit` or `offset` ' +
          `is given, which they honour the same way. Columns, in order: ${activityCsvColumns.join(', ')} (lists ` +
          'and indicators joined with "; ", an indicator as `<name> [<unit>] <baseline> → <target>`, the source ' +
          'split in three, empty cells for nulls). XLSX adds an About sheet and is stamped with the commit time ' +
          'of the revision shown. The data is as entered; `?lang=` and Accept-Language choose the language of ' +
          `the headers only. ETag: the revision and the representation (format, headers, bom).\n\n${COLUMN_LABELS_NOTE}`,
        querystring: paginationQuery
          .extend({
            limit: fromUrl(urlInteger({ min: 1, max: 500 }).optional()).describe(
              'Page size, 1–500 (JSON default 100; CSV and XLSX default: every activity)',
            ),
          })
          .extend(activityListQuery.shape)
          .extend({
            format: z
              .enum(['json', 'csv', 'xlsx'])
              .optional()
              .describe('json (default), csv or xlsx; Accept: text/csv or the XLSX media type work too'),
          })
          .extend(bomQuery.shape)
          .extend(headersQuery.shape)
          .strict(),
        produces: ['application/json', 'text/csv', XLSX_MEDIA_TYPE],
        response: { 200: listOf(activitySchema), 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { limit: asked, offset, format: explicit, bom, headers: headerMode, ...filters } = request.query;
      const format = negotiateFormat(request, ['json', 'csv', 'xlsx'], explicit);
      if (format === 'json') return app.activities.list(reply, filters, { limit: asked ?? 100, offset });
      const headers = negotiateHeaderLanguage(request, reply, format, headerMode);
      const variant = `${request.url} #${format}:${headersVariant(headers)}${format === 'csv' && bom ? '+bom' : ''}`;
      const found = await app.activities.export(reply, variant, filters, { limit: asked ?? null, offset });
      return format === 'csv'
        ? sendActivitiesCsv(reply, found, headers, bom)
        : sendActivitiesXlsx(reply, found, headers);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['activities'],
        summary: 'One activity with its progress reports, oldest year first',
        params: z.object({ id: activityParam }),
        response: { 200: z.object({ data: activityDetailSchema }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return { data: await app.activities.detail(reply, id) };
    },
  );

  app.post(
    '/',
    {
      config: { minRole: 'editor', entityScoped: true },
      schema: {
        tags: ['activities'],
        summary: 'Record an implementation activity (gets the next id: A1, A2, …)',
        description:
          'The lead, partners, action lines, commitments and targets must exist (422 naming each unknown one); ' +
          `due must not be before start (400). A source is required: nothing is invented. ${scopeNote}`,
        headers: ifMatchHeaders,
        body: activityCreateSchema,
        response: {
          201: writtenOf(activitySchema),
          ...writeProblems,
          422: problemSchema.describe('An id in the body names nothing (problem+json, one error per id)'),
        },
      },
    },
    async (request, reply) => {
      const { reason, ...body } = request.body;
      const principal = request.principal!;
      checkScope(principal, body.lead, 'body.lead');
      const outcome = await reply.recordedWrite(
        { action: 'activity.create', target: 'activities', reason },
        async (tx) => {
          const id = await app.activities.nextId(tx);
          const view: ActivityView = {
            id,
            title: body.title,
            description: body.description ?? null,
            lead: body.lead,
            partners: body.partners ?? [],
            actionLines: body.actionLines ?? [],
            commitments: body.commitments ?? [],
            targets: body.targets ?? [],
            start: body.start,
            due: body.due,
            status: body.status ?? 'planned',
            indicators: body.indicators ?? [],
            source: { document: body.source.document, locator: body.source.locator, url: body.source.url ?? null },
          };
          await checkActivity(app.activities, tx, view);
          const at = new Date().toISOString();
          await app.activities.put(tx, view, { createdAt: at, createdBy: principal.name });
          const created = await app.activities.require(tx, id);
          return { changed: true, before: null, after: viewOf(created), result: created };
        },
      );
      reply.header('location', `/v1/${nodeKinds.Activity.path}/${outcome.result.id}`);
      return reply.code(201).send({ data: outcome.result, meta: revisionMeta(outcome.revision) });
    },
  );

  app.patch(
    '/:id',
    {
      config: { minRole: 'editor', entityScoped: true },
      schema: {
        tags: ['activities'],
        summary: 'Change an activity',
        description: `Only the fields sent change; lists are replaced whole. A PATCH that changes nothing records nothing. ${scopeNote} A focal-point key cannot hand the lead to another entity.`,
        params: z.object({ id: activityParam }),
        headers: ifMatchHeaders,
        body: activityPatchSchema,
        response: {
          200: writtenOf(activitySchema),
          ...writeProblems,
          422: problemSchema.describe('An id in the body names nothing (problem+json, one error per id)'),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { reason, ...body } = request.body;
      const principal = request.principal!;
      const outcome = await reply.recordedWrite(
        { action: 'activity.update', target: `activities/${id}`, reason },
        async (tx) => {
          const current = await app.activities.require(tx, id);
          checkScope(principal, current.lead, `activity ${id}`);
          const before = viewOf(current);
          const { source, ...fields } = body;
          const wanted: ActivityView = {
            ...before,
            ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
            ...(source ? { source: { ...source, url: source.url ?? null } } : {}),
          };
          checkScope(principal, wanted.lead, 'body.lead');
          if (sameActivity(wanted, before)) return { changed: false, before, after: before, result: current };
          await checkActivity(app.activities, tx, wanted);
          await app.activities.put(tx, wanted, { updatedAt: new Date().toISOString(), updatedBy: principal.name });
          const updated = await app.activities.require(tx, id);
          return { changed: true, before, after: viewOf(updated), result: updated };
        },
      );
      return { data: outcome.result, meta: revisionMeta(outcome.revision) };
    },
  );

  app.get(
    '/:id/progress/:year',
    {
      schema: {
        tags: ['activities'],
        summary: "An activity's progress report for one reporting year",
        params: z.object({ id: activityParam, year: reportingYearParam }),
        response: { 200: z.object({ data: progressSchema }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id, year } = request.params;
      return { data: await app.activities.progress(reply, id, year) };
    },
  );

  app.put(
    '/:id/progress/:year',
    {
      config: { minRole: 'editor', entityScoped: true },
      schema: {
        tags: ['activities'],
        summary: "Report (or correct) an activity's progress for a reporting year",
        description:
          'Only while the reporting cycle of that year is open (409 when it was never opened or is closed: a closed ' +
          "year is read-only). The status reported becomes the activity's status. Actuals must name the activity's " +
          `indicators (400). ${scopeNote}`,
        params: z.object({ id: activityParam, year: reportingYearParam }),
        headers: ifMatchHeaders,
        body: progressPutSchema,
        response: {
          200: writtenOf(progressSchema),
          ...writeProblems,
          409: problemSchema.describe('The reporting cycle of that year is not open (problem+json)'),
        },
      },
    },
    async (request, reply) => {
      const { id, year } = request.params;
      const { reason, ...body } = request.body;
      const principal = request.principal!;
      const outcome = await reply.recordedWrite(
        { action: 'progress.put', target: `activities/${id}/progress/${year}`, reason },
        async (tx) => {
          const activity = await app.activities.require(tx, id);
          checkScope(principal, activity.lead, `activity ${id}`);
          await requireOpenCycle(app.activities, tx, year);
          const actuals = body.actuals ?? [];
          const errors = actualsErrors(activity.indicators, actuals);
          if (errors.length) throw badRequest('The actuals do not match the activity’s indicators.', errors);
          const before = (await app.activities.findProgress(tx, id, year)) ?? null;
          const progress = {
            activityId: id,
            year,
            status: body.status,
            narrative: body.narrative,
            actuals,
            evidence: body.evidence ?? [],
            submittedBy: principal.name,
            submittedAt: new Date().toISOString(),
          };
          const same = (p: typeof progress | null) =>
            p &&
            JSON.stringify({ ...p, submittedAt: '', submittedBy: '' }) ===
              JSON.stringify({ ...progress, submittedAt: '', submittedBy: '' });
          if (same(before)) return { changed: false, before, after: before, result: before! };
          await app.activities.putProgress(tx, progress);
          // The reported status is the activity's: recorded as an activity change too, so time travel
          // and the diff see it.
          const also =
            activity.status === body.status
              ? []
              : [
                  {
                    action: 'activity.update',
                    target: `activities/${id}`,
                    before: viewOf(activity),
                    after: { ...viewOf(activity), status: body.status },
                  },
                ];
          return { changed: true, before, after: progress, result: progress, also };
        },
      );
      return { data: outcome.result, meta: revisionMeta(outcome.revision) };
    },
  );
};

export default activityRoutes;
