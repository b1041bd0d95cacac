import type { FastifyReply } from 'fastify';
import type ExcelJS from 'exceljs';
import type { Matrix, MatrixCell, MatrixQuery } from '../../../schemas/matrix.js';
import { sendCsvRows } from '../../../lib/csv.js';
import {
  axisTitle,
  type ColumnKey,
  type ExportHeaders,
  headerOf,
  labelColumnOf,
} from '../../../lib/i18n/column-labels/index.js';
import { isRightToLeft } from '../../../lib/i18n/languages.js';
import { addTableSheet, newWorkbook, sendWorkbook } from '../../../lib/xlsx.js';
import { cellText } from '../../../domain/matrix.js';

const fileStem = (query: MatrixQuery, revision: number) => `roadmap-matrix-${query.rows}-x-${query.cols}-r${revision}`;

const cellKey = (row: string, column: string) => `${row}\u0000${column}`;

/**
 * The pivot layout: a header of `row` (or its label) and the column ids, then one line per row, its id
 * first and each cell's compact text (arrays: ids such as "5.b" must not be read as nested keys).
 */
export function matrixCsvRows(matrix: Matrix, headers: ExportHeaders): string[][] {
  const byKey = new Map(matrix.cells.map((c) => [cellKey(c.row, c.column), c]));
  const out: string[][] = [[headerOf('row', headers), ...matrix.columns.map((c) => c.id)]];
  for (const row of matrix.rows) {
    out.push([row.id, ...matrix.columns.map((col) => cellText(byKey.get(cellKey(row.id, col.id))))]);
  }
  return out;
}

export const MATRIX_TIDY_COLUMNS = [
  'rowId',
  'rowLabel',
  'columnId',
  'columnLabel',
  'linkType',
  'status',
  'role',
  'derived',
  'via',
  'roles',
  'sourceDocument',
  'sourceLocator',
  'sourceUrl',
] as const satisfies readonly ColumnKey[];

/** The tidy layout: one line per link of every cell, in cell order (rows, then columns), nothing packed into a cell but `roles`. */
export function* matrixTidyRows(matrix: Matrix, headers: ExportHeaders): Generator<unknown[]> {
  yield MATRIX_TIDY_COLUMNS.map((key) => headerOf(key, headers));
  const rowLabel = new Map(matrix.rows.map((m) => [m.id, m.label]));
  const colLabel = new Map(matrix.columns.map((m) => [m.id, m.label]));
  for (const cell of matrix.cells) {
    const roles = cell.entities
      .map((e) => `${e.role}${e.commitmentRole ? `/${e.commitmentRole}` : ''}:${e.id}`)
      .join('|');
    for (const link of cell.links) {
      yield [
        cell.row,
        rowLabel.get(cell.row),
        cell.column,
        colLabel.get(cell.column),
        link.type,
        link.status,
        link.role,
        link.derived,
        link.via,
        roles,
        link.source.document,
        link.source.locator,
        link.source.url,
      ];
    }
  }
}

/** The matrix as CSV through the project's CSV writer, pivot or tidy, as an attachment. */
export function sendMatrixCsv(
  reply: FastifyReply,
  matrix: Matrix,
  query: MatrixQuery,
  revision: number,
  headers: ExportHeaders,
  bom = false,
): FastifyReply {
  const tidy = query.layout === 'tidy';
  return sendCsvRows(
    reply,
    tidy ? matrixTidyRows(matrix, headers) : matrixCsvRows(matrix, headers),
    `${fileStem(query, revision)}${tidy ? '-tidy' : ''}.csv`,
    { bom },
  );
}

/** Heat-map fill per strongest status in a cell (ARGB), strongest first; the About sheet shows the legend. */
export const STATUS_FILLS = [
  { key: 'endorsed', argb: 'FF63BE7B', meaning: 'at least one endorsed direct link' },
  { key: 'proposed', argb: 'FFFFEB84', meaning: 'proposed direct links only' },
  { key: 'derived', argb: 'FFBDD7EE', meaning: 'derived two-hop paths only (derived=true)' },
  { key: 'retired', argb: 'FFD9D9D9', meaning: 'retired links only (status=retired)' },
] as const;

function heatOf(cell: MatrixCell): (typeof STATUS_FILLS)[number] {
  const direct = cell.links.filter((l) => !l.derived);
  const pick = (key: string) => STATUS_FILLS.find((f) => f.key === key)!;
  if (direct.some((l) => l.status === 'endorsed')) return pick('endorsed');
  if (direct.some((l) => l.status === 'proposed')) return pick('proposed');
  if (direct.length === 0) return pick('derived');
  return pick('retired');
}

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/**
 * The workbook: "Matrix" (row 1 column ids, row 2 column labels, columns A–B row id and label,
 * frozen at C3; cells hold the compact cell text, coloured by strongest status; empty cells blank;
 * printed landscape, one page wide, rows 1–2 and columns A–B on every page), "Links" (one line per
 * link of every cell with its source) and "About" (query, revision, export time, legend, sources).
 * Everything is stamped with the revision's commit time, so the bytes depend on revision and query only.
 */
export async function sendMatrixXlsx(
  reply: FastifyReply,
  matrix: Matrix,
  query: MatrixQuery,
  at: { revision: number; committedAt: string },
  statuses: string[],
  headers: ExportHeaders,
): Promise<FastifyReply> {
  const { language } = headers;
  const labels = headers.mode === 'labels';
  const { revision, committedAt } = at;
  const workbook = newWorkbook(new Date(committedAt));
  const rightToLeft = isRightToLeft(language);
  const sheet = workbook.addWorksheet('Matrix', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 2, rightToLeft }],
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9, // A4
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:2',
      printTitlesColumn: 'A:B',
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `Roadmap matrix, graph revision ${revision}, &P / &N` },
  });
  const rowTitle = axisTitle(query.rows, language);
  const colTitle = axisTitle(query.cols, language);
  const corner = labels ? `${rowTitle} \\ ${colTitle}` : headerOf('row', headers);
  sheet.addRow([corner, headerOf('label', headers), ...matrix.columns.map((c) => c.id)]);
  sheet.addRow([null, null, ...matrix.columns.map((c) => c.label)]);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(2).alignment = { wrapText: true, vertical: 'top' };
  sheet.getRow(2).font = { italic: true, size: 9 };
  sheet.getColumn(1).width = 18;
  sheet.getColumn(2).width = 40;
  for (let i = 0; i < matrix.columns.length; i += 1) sheet.getColumn(i + 3).width = 16;

  const byKey = new Map(matrix.cells.map((c) => [cellKey(c.row, c.column), c]));
  for (const row of matrix.rows) {
    const cells = matrix.columns.map((col) => byKey.get(cellKey(row.id, col.id)));
    // An empty cell stays blank (null), never an empty string, so COUNTA and ISBLANK tell the truth.
    const added = sheet.addRow([row.id, row.label, ...cells.map((cell) => (cell ? cellText(cell) : null))]);
    added.getCell(1).font = { bold: true };
    cells.forEach((cell, i) => {
      if (cell) added.getCell(i + 3).fill = solid(heatOf(cell).argb);
    });
  }

  const rowLabel = new Map(matrix.rows.map((m) => [m.id, m.label]));
  const colLabel = new Map(matrix.columns.map((m) => [m.id, m.label]));
  const linkRows = matrix.cells.flatMap((cell: MatrixCell) => cell.links.map((link) => ({ cell, link })));
  addTableSheet(
    workbook,
    'Links',
    [
      { header: labels ? rowTitle : 'rowId', width: 14, value: (x) => x.cell.row },
      {
        header: labels ? labelColumnOf(rowTitle, language) : 'rowLabel',
        width: 32,
        value: (x) => rowLabel.get(x.cell.row),
      },
      { header: labels ? colTitle : 'columnId', width: 14, value: (x) => x.cell.column },
      {
        header: labels ? labelColumnOf(colTitle, language) : 'columnLabel',
        width: 32,
        value: (x) => colLabel.get(x.cell.column),
      },
      { header: headerOf('type', headers), width: 18, value: (x) => x.link.type },
      { header: headerOf('role', headers), width: 10, value: (x) => x.link.role },
      { header: headerOf('status', headers), width: 10, value: (x) => x.link.status },
      { header: headerOf('derived', headers), width: 9, value: (x) => x.link.derived },
      { header: headerOf('via', headers), width: 10, value: (x) => x.link.via },
      {
        header: headerOf('entities', headers),
        width: 24,
        value: (x) => x.cell.entities.map((e) => `${e.role}:${e.id}`).join(', ') || null,
      },
      { header: headerOf('sourceDocument', headers), width: 48, value: (x) => x.link.source.document },
      { header: headerOf('sourceLocator', headers), width: 32, value: (x) => x.link.source.locator },
      {
        header: headerOf('sourceUrl', headers),
        width: 40,
        value: (x) => x.link.source.url,
        link: (x) => x.link.source.url,
      },
    ],
    linkRows,
    { rightToLeft },
  );

  const sources = new Map<string, string | null>();
  for (const { link } of linkRows)
    if (!sources.has(link.source.document)) sources.set(link.source.document, link.source.url);
  const about = addTableSheet(
    workbook,
    'About',
    [
      { header: headerOf('item', headers), width: 22, value: (x: [string, string | null]) => x[0] },
      { header: headerOf('value', headers), width: 100, value: (x: [string, string | null]) => x[1] },
    ],
    [
      ['rows', query.rows],
      ['columns', query.cols],
      ['link statuses', statuses.join(', ')],
      ['objective', query.objective === undefined ? '(all)' : String(query.objective)],
      ['goal', query.goal === undefined ? '(all)' : String(query.goal)],
      ['entity', query.entity ?? '(all)'],
      ['derived', String(query.derived)],
      ['graph revision', String(revision)],
      ['exported at', `${committedAt} (when graph revision ${revision} was committed)`],
      ['language', `${language} (SDG and target labels, column headers; the rest is English)`],
      [
        'cell text',
        'each link as <status>[@<via>][(derived)], links joined with |, then ;<role>:<entity> for each entity responsible in the cell (line × commitment: ;<line role>/<commitment role>:<entity>)',
      ],
      ...STATUS_FILLS.map((f): [string, string] => [`colour: ${f.key}`, f.meaning]),
      ...[...sources].map(([document, url]): [string, string | null] => [
        'source',
        url ? `${document} — ${url}` : document,
      ]),
    ] as [string, string | null][],
    { rightToLeft },
  );
  // The legend: each colour row shows its colour.
  about.eachRow((row) => {
    const fill = STATUS_FILLS.find((f) => row.getCell(1).value === `colour: ${f.key}`);
    if (fill) row.getCell(1).fill = solid(fill.argb);
  });

  return sendWorkbook(reply, workbook, `${fileStem(query, revision)}.xlsx`);
}
