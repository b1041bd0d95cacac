import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  annualReportDocx,
  annualReportHtml,
  annualReportWorkbook,
  DOCX_MEDIA_TYPE,
  sendDocument,
} from '../../../lib/annual-report-formats.js';
import { negotiateFormat } from '../../../lib/conditional.js';
import { sendWorkbook, XLSX_MEDIA_TYPE } from '../../../lib/xlsx.js';
import { reportingYearParam } from '../../../schemas/activities.js';
import { itemOf, problemResponses } from '../../../schemas/common.js';
import { annualReportQuery, annualReportSchema } from '../../../schemas/reports.js';

const description = `Compiles, for a reporting year, per GDC objective and per action line: the entities responsible
and the facilitators, the activities serving them (running in the year or reported on for it) with their status and
progress narrative, indicator actuals against targets, the open gaps (every kind of /v1/gaps but the workload) and
what changed since the last endorsed version. \`summary\` holds the headline figures; the four formats carry the
same ones: JSON, printable HTML (\`?format=html\` or Accept: text/html), Word (\`?format=docx\`) and Excel
(\`?format=xlsx\`: sheets Summary, Activities, Indicators, Objectives, Action lines, Gaps, Changes).
Compiled from one committed revision (the ETag names it, and the day, since "past due" depends on it).`;

/** GET /v1/reports/annual/{year}: the joint annual progress report. */
const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/annual/:year',
    {
      config: { expensive: true },
      schema: {
        tags: ['activities'],
        summary: 'The annual progress report of a year (JSON, HTML, DOCX or XLSX)',
        description,
        params: z.object({ year: reportingYearParam }),
        querystring: annualReportQuery,
        produces: ['application/json', 'text/html', DOCX_MEDIA_TYPE, XLSX_MEDIA_TYPE],
        response: { 200: itemOf(annualReportSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { year } = request.params;
      const format = negotiateFormat(request, ['json', 'html', 'docx', 'xlsx'], request.query.format);
      const report = await app.reports.annual(reply, year, format);
      const name = `roadmap-annual-report-${year}-r${report.revision}`;
      if (format === 'html') return sendDocument(reply, 'text/html; charset=utf-8', annualReportHtml(report));
      if (format === 'docx')
        return sendDocument(reply, DOCX_MEDIA_TYPE, await annualReportDocx(report), `${name}.docx`);
      if (format === 'xlsx') return sendWorkbook(reply, annualReportWorkbook(report), `${name}.xlsx`);
      return { data: report };
    },
  );
};

export default reportRoutes;
