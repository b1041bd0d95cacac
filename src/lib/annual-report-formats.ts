import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { AnnualReport, ReportActivity } from '../schemas/reports.js';
import { addTableSheet, newWorkbook } from './xlsx.js';

/**
 * The annual report as people read it: printable HTML, Word (the UN secretariat drafts in Word) and
 * Excel. Each shows the same sections from the same compiled report (src/domain/annual-report.ts),
 * so the figures cannot differ between formats.
 */

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Sends a rendered document (HTML inline, a file as an attachment named `filename`). */
export function sendDocument(
  reply: FastifyReply,
  mediaType: string,
  body: string | Buffer,
  filename?: string,
): FastifyReply {
  reply.type(mediaType);
  if (filename) reply.header('content-disposition', `attachment; filename="${filename}"`);
  return reply.send(body);
}

const title = (r: AnnualReport) => `WSIS–GDC roadmap: annual progress report ${r.year}`;
const cycleText = (r: AnnualReport) =>
  r.cycle === null
    ? `The reporting cycle ${r.year} was never opened.`
    : r.cycle.status === 'open'
      ? `The reporting cycle ${r.year} is open: reports may still change.`
      : `The reporting cycle ${r.year} was closed at ${r.cycle.closedAt}.`;
const sinceText = (r: AnnualReport) =>
  r.changes.since
    ? `Changes since version ${r.changes.since.id} "${r.changes.since.name}" (revision ${r.changes.since.revision}), endorsed by ${r.changes.since.endorsement?.body} on ${r.changes.since.endorsement?.date}.`
    : 'No version has been endorsed yet: no changes to list.';
const parties = (list: { entityId: string; role: string }[]) =>
  list.map((p) => `${p.entityId} (${p.role})`).join(', ') || '—';
const num = (v: number | null) => (v === null ? '—' : String(v));

/** One row per indicator of every activity: the table the three formats share. */
export const indicatorRows = (r: AnnualReport) =>
  r.activities.flatMap((a) =>
    a.indicators.map((i) => ({
      activity: a.id,
      indicator: i.name,
      unit: i.unit,
      baseline: i.baseline,
      target: i.target,
      actual: i.actual,
      met: i.met === null ? '' : i.met ? 'yes' : 'no',
    })),
  );

/** The changes since the endorsed version, one line each. */
export function changeLines(r: AnnualReport): string[] {
  const d = r.changes.diff;
  if (!d) return [];
  return [
    ...d.links.added.map((l) => `Link added: ${l.type} ${l.from} → ${l.to}`),
    ...d.links.removed.map((l) => `Link removed: ${l.type} ${l.from} → ${l.to}`),
    ...d.links.changed.map(
      (l) =>
        `Link changed: ${l.type} ${l.from} → ${l.to} (${l.changes.map((c) => `${c.field}: ${String(c.before)} → ${String(c.after)}`).join('; ')})`,
    ),
    ...d.nodes.added.map((n) => `Added: ${n.kind} ${n.id}`),
    ...d.nodes.changed.map((n) => `Changed: ${n.kind} ${n.id} (${n.changes.map((c) => c.field).join(', ')})`),
  ];
}

const gapRows = (r: AnnualReport) =>
  Object.entries(r.gaps).flatMap(([kind, items]) => items.map((g) => ({ kind, id: g.id, reason: g.reason })));

// ---- HTML ----

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function htmlTable(id: string, headers: string[], rows: (string | number | null)[][]): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c === null ? '—' : String(c))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table id="${id}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const activityLine = (a: ReportActivity) =>
  `<li><strong>${escapeHtml(a.id)} ${escapeHtml(a.title)}</strong> — ${escapeHtml(a.lead)}, ${escapeHtml(a.status)}` +
  (a.progress ? `: ${escapeHtml(a.progress.narrative)}` : ' (no progress report)') +
  '</li>';

export function annualReportHtml(r: AnnualReport): string {
  const byId = new Map(r.activities.map((a) => [a.id, a]));
  const activityList = (ids: string[]) =>
    ids.length ? `<ul>${ids.map((id) => activityLine(byId.get(id)!)).join('')}</ul>` : '<p>No activity.</p>';
  const sections = [
    `<h1>${escapeHtml(title(r))}</h1>`,
    `<p>Compiled from graph revision ${r.revision}. ${escapeHtml(cycleText(r))}</p>`,
    '<h2>Summary</h2>',
    htmlTable(
      'summary',
      ['Figure', 'Value'],
      r.summary.map((f) => [f.label, f.value]),
    ),
    '<h2>By GDC objective</h2>',
    ...r.objectives.flatMap((o) => [
      `<h3>Objective ${o.id}: ${escapeHtml(o.title)}</h3>`,
      ...o.commitments
        .filter((c) => c.activities.length || c.responsible.length)
        .map(
          (c) =>
            `<h4>${escapeHtml(c.label)}</h4><p>Responsible: ${escapeHtml(parties(c.responsible))}. Action lines: ${escapeHtml(c.actionLines.join(', ') || '—')}.</p>${activityList(c.activities)}`,
        ),
    ]),
    '<h2>By action line</h2>',
    ...r.actionLines.map(
      (l) =>
        `<h3>${escapeHtml(l.id)} ${escapeHtml(l.title)}</h3><p>Facilitators: ${escapeHtml(parties(l.facilitators))}.</p>${activityList(l.activities)}`,
    ),
    '<h2>Indicators: actuals against targets</h2>',
    htmlTable(
      'indicators',
      ['Activity', 'Indicator', 'Unit', 'Baseline', 'Target', 'Actual', 'Met'],
      indicatorRows(r).map((i) => [i.activity, i.indicator, i.unit, i.baseline, i.target, i.actual, i.met]),
    ),
    '<h2>Open gaps</h2>',
    htmlTable(
      'gaps',
      ['Kind', 'Id', 'Reason'],
      gapRows(r).map((g) => [g.kind, g.id, g.reason]),
    ),
    '<h2>What changed since the last endorsed version</h2>',
    `<p>${escapeHtml(sinceText(r))}</p>`,
    `<ul id="changes">${changeLines(r)
      .map((line) => `<li>${escapeHtml(line)}</li>`)
      .join('')}</ul>`,
  ];
  const style =
    'body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}' +
    'table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left}' +
    '@media print{body{margin:0;max-width:none}h2{break-before:page}}';
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title(r))}</title><style>${style}</style></head>\n<body>\n${sections.join('\n')}\n</body></html>\n`;
}

// ---- DOCX ----

const cell = (text: string | number | null, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: String(text ?? '—'), bold })] })] });

function docxTable(headers: string[], rows: (string | number | null)[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true)) }),
      ...rows.map((row) => new TableRow({ children: row.map((c) => cell(c)) })),
    ],
  });
}

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text, heading: level });
const para = (text: string) => new Paragraph({ text });

export async function annualReportDocx(r: AnnualReport): Promise<Buffer> {
  const byId = new Map(r.activities.map((a) => [a.id, a]));
  const activityParas = (ids: string[]) =>
    ids.length
      ? ids.map((id) => {
          const a = byId.get(id)!;
          return new Paragraph({
            bullet: { level: 0 },
            children: [
              new TextRun({ text: `${a.id} ${a.title}`, bold: true }),
              new TextRun({
                text: ` — ${a.lead}, ${a.status}${a.progress ? `: ${a.progress.narrative}` : ' (no progress report)'}`,
              }),
            ],
          });
        })
      : [para('No activity.')];
  const children = [
    heading(title(r), HeadingLevel.TITLE),
    para(`Compiled from graph revision ${r.revision}. ${cycleText(r)}`),
    heading('Summary', HeadingLevel.HEADING_1),
    docxTable(
      ['Figure', 'Value'],
      r.summary.map((f) => [f.label, f.value]),
    ),
    heading('By GDC objective', HeadingLevel.HEADING_1),
    ...r.objectives.flatMap((o) => [
      heading(`Objective ${o.id}: ${o.title}`, HeadingLevel.HEADING_2),
      ...o.commitments
        .filter((c) => c.activities.length || c.responsible.length)
        .flatMap((c) => [
          heading(c.label, HeadingLevel.HEADING_3),
          para(`Responsible: ${parties(c.responsible)}. Action lines: ${c.actionLines.join(', ') || '—'}.`),
          ...activityParas(c.activities),
        ]),
    ]),
    heading('By action line', HeadingLevel.HEADING_1),
    ...r.actionLines.flatMap((l) => [
      heading(`${l.id} ${l.title}`, HeadingLevel.HEADING_2),
      para(`Facilitators: ${parties(l.facilitators)}.`),
      ...activityParas(l.activities),
    ]),
    heading('Indicators: actuals against targets', HeadingLevel.HEADING_1),
    docxTable(
      ['Activity', 'Indicator', 'Unit', 'Baseline', 'Target', 'Actual', 'Met'],
      indicatorRows(r).map((i) => [i.activity, i.indicator, i.unit, num(i.baseline), i.target, num(i.actual), i.met]),
    ),
    heading('Open gaps', HeadingLevel.HEADING_1),
    docxTable(
      ['Kind', 'Id', 'Reason'],
      gapRows(r).map((g) => [g.kind, g.id, g.reason]),
    ),
    heading('What changed since the last endorsed version', HeadingLevel.HEADING_1),
    para(sinceText(r)),
    ...changeLines(r).map((line) => new Paragraph({ text: line, bullet: { level: 0 } })),
  ];
  const document = new Document({
    creator: 'wsis-gdc-roadmap API',
    title: title(r),
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

// ---- XLSX ----

export function annualReportWorkbook(r: AnnualReport): ExcelJS.Workbook {
  const workbook = newWorkbook();
  addTableSheet(
    workbook,
    'Summary',
    [
      { header: 'figure', width: 44, value: (f: AnnualReport['summary'][number]) => f.label },
      { header: 'value', width: 10, value: (f) => f.value },
      { header: 'key', width: 22, value: (f) => f.key },
    ],
    r.summary,
  );
  addTableSheet(
    workbook,
    'Activities',
    [
      { header: 'id', width: 8, value: (a: ReportActivity) => a.id },
      { header: 'title', width: 40, value: (a) => a.title },
      { header: 'lead', width: 14, value: (a) => a.lead },
      { header: 'partners', width: 20, value: (a) => a.partners.join(', ') },
      { header: 'start', width: 9, value: (a) => a.start },
      { header: 'due', width: 9, value: (a) => a.due },
      { header: 'status', width: 12, value: (a) => a.status },
      { header: 'progress narrative', width: 60, value: (a) => a.progress?.narrative ?? '' },
      { header: 'submitted by', width: 18, value: (a) => a.progress?.submittedBy ?? '' },
    ],
    r.activities,
  );
  addTableSheet(
    workbook,
    'Indicators',
    [
      { header: 'activity', width: 8, value: (i: ReturnType<typeof indicatorRows>[number]) => i.activity },
      { header: 'indicator', width: 30, value: (i) => i.indicator },
      { header: 'unit', width: 14, value: (i) => i.unit },
      { header: 'baseline', width: 10, value: (i) => i.baseline },
      { header: 'target', width: 10, value: (i) => i.target },
      { header: 'actual', width: 10, value: (i) => i.actual },
      { header: 'met', width: 6, value: (i) => i.met },
    ],
    indicatorRows(r),
  );
  addTableSheet(
    workbook,
    'Objectives',
    [
      {
        header: 'objective',
        width: 10,
        value: (c: { o: number; c: AnnualReport['objectives'][number]['commitments'][number] }) => c.o,
      },
      { header: 'commitment', width: 40, value: (x) => x.c.label },
      { header: 'responsible', width: 30, value: (x) => parties(x.c.responsible) },
      { header: 'action lines', width: 20, value: (x) => x.c.actionLines.join(', ') },
      { header: 'activities', width: 20, value: (x) => x.c.activities.join(', ') },
    ],
    r.objectives.flatMap((o) => o.commitments.map((c) => ({ o: o.id, c }))),
  );
  addTableSheet(
    workbook,
    'Action lines',
    [
      { header: 'action line', width: 12, value: (l: AnnualReport['actionLines'][number]) => l.id },
      { header: 'title', width: 40, value: (l) => l.title },
      { header: 'facilitators', width: 30, value: (l) => parties(l.facilitators) },
      { header: 'activities', width: 20, value: (l) => l.activities.join(', ') },
    ],
    r.actionLines,
  );
  addTableSheet(
    workbook,
    'Gaps',
    [
      { header: 'kind', width: 30, value: (g: ReturnType<typeof gapRows>[number]) => g.kind },
      { header: 'id', width: 14, value: (g) => g.id },
      { header: 'reason', width: 80, value: (g) => g.reason },
    ],
    gapRows(r),
  );
  addTableSheet(
    workbook,
    'Changes',
    [{ header: 'change', width: 100, value: (line: string) => line }],
    [sinceText(r), ...changeLines(r)],
  );
  return workbook;
}
