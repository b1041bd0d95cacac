import type { FastifyReply } from 'fastify';
import type { Matrix, MatrixCell, MatrixQuery } from '../../../schemas/matrix.js';
import { csvText } from '../../../lib/csv.js';
import { addTableSheet, newWorkbook, sendWorkbook } from '../../../lib/xlsx.js';
import { cellText } from './compute.js';

const fileStem = (query: MatrixQuery, revision: number) => `roadmap-matrix-${query.rows}-x-${query.cols}-r${revision}`;

/**
 * The matrix as CSV rows (arrays: ids such as "5.b" must not be read as nested keys): a header of
 * `row` and the column ids, then one line per row, its id first and each cell's compact text.
 */
export function matrixCsvRows(matrix: Matrix): string[][] {
  const byKey = new Map(matrix.cells.map((c) => [`${c.row}\u0000${c.column}`, c]));
  const out: string[][] = [['row', ...matrix.columns.map((c) => c.id)]];
  for (const row of matrix.rows) {
    out.push([row.id, ...matrix.columns.map((col) => cellText(byKey.get(`${row.id}\u0000${col.id}`)))]);
  }
  return out;
}

/** RFC 4180 CSV through the one CSV writer (formula-like cells defused), as an attachment. */
export function sendMatrixCsv(reply: FastifyReply, matrix: Matrix, query: MatrixQuery, revision: number): FastifyReply {
  const text = csvText(matrixCsvRows(matrix));
  reply.type('text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${fileStem(query, revision)}.csv"`);
  return reply.send(text);
}

const AXIS_TITLE: Record<string, string> = {
  'action-lines': 'Action line',
  'gdc-commitments': 'GDC commitment',
  'gdc-objectives': 'GDC objective',
  sdgs: 'SDG',
  'sdg-targets': 'SDG target',
  entities: 'Entity',
};

/**
 * The workbook: "Matrix" (row 1 column ids, row 2 column labels, columns A–B row id and label,
 * frozen at C3; cells hold the compact cell text), "Links" (one line per link of every cell with
 * its source) and "About" (the query, revision and how to read a cell).
 */
export async function sendMatrixXlsx(
  reply: FastifyReply,
  matrix: Matrix,
  query: MatrixQuery,
  revision: number,
  statuses: string[],
): Promise<FastifyReply> {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet('Matrix', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  const rowTitle = AXIS_TITLE[query.rows]!;
  const colTitle = AXIS_TITLE[query.cols]!;
  sheet.addRow([`${rowTitle} \\ ${colTitle}`, 'label', ...matrix.columns.map((c) => c.id)]);
  sheet.addRow(['', '', ...matrix.columns.map((c) => c.label)]);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(2).alignment = { wrapText: true, vertical: 'top' };
  sheet.getRow(2).font = { italic: true, size: 9 };
  sheet.getColumn(1).width = 18;
  sheet.getColumn(2).width = 40;
  for (let i = 0; i < matrix.columns.length; i += 1) sheet.getColumn(i + 3).width = 16;

  const byKey = new Map(matrix.cells.map((c) => [`${c.row}\u0000${c.column}`, c]));
  for (const row of matrix.rows) {
    const added = sheet.addRow([
      row.id,
      row.label,
      ...matrix.columns.map((col) => cellText(byKey.get(`${row.id}\u0000${col.id}`))),
    ]);
    added.getCell(1).font = { bold: true };
  }

  const rowLabel = new Map(matrix.rows.map((m) => [m.id, m.label]));
  const colLabel = new Map(matrix.columns.map((m) => [m.id, m.label]));
  const linkRows = matrix.cells.flatMap((cell: MatrixCell) => cell.links.map((link) => ({ cell, link })));
  addTableSheet(
    workbook,
    'Links',
    [
      { header: rowTitle, width: 14, value: (x) => x.cell.row },
      { header: `${rowTitle} label`, width: 32, value: (x) => rowLabel.get(x.cell.row) },
      { header: colTitle, width: 14, value: (x) => x.cell.column },
      { header: `${colTitle} label`, width: 32, value: (x) => colLabel.get(x.cell.column) },
      { header: 'type', width: 18, value: (x) => x.link.type },
      { header: 'role', width: 10, value: (x) => x.link.role },
      { header: 'status', width: 10, value: (x) => x.link.status },
      { header: 'derived', width: 9, value: (x) => x.link.derived },
      { header: 'via', width: 10, value: (x) => x.link.via },
      { header: 'entities', width: 24, value: (x) => x.cell.entities.map((e) => `${e.role}:${e.id}`).join(', ') },
      { header: 'source document', width: 48, value: (x) => x.link.source.document },
      { header: 'source locator', width: 32, value: (x) => x.link.source.locator },
      { header: 'source URL', width: 40, value: (x) => x.link.source.url, link: (x) => x.link.source.url },
    ],
    linkRows,
  );

  addTableSheet(
    workbook,
    'About',
    [
      { header: 'item', width: 18, value: (x: [string, string]) => x[0] },
      { header: 'value', width: 100, value: (x: [string, string]) => x[1] },
    ],
    [
      ['rows', query.rows],
      ['columns', query.cols],
      ['link statuses', statuses.join(', ')],
      ['objective', query.objective ?? '(all)'],
      ['goal', query.goal ?? '(all)'],
      ['entity', query.entity ?? '(all)'],
      ['derived', String(query.derived)],
      ['graph revision', String(revision)],
      [
        'cell text',
        'each link as <status>[@<via>][(derived)], links joined with |, then ;<role>:<entity> for each entity responsible in the cell (line × commitment: ;<line role>/<commitment role>:<entity>)',
      ],
    ] as [string, string][],
  );

  return sendWorkbook(reply, workbook, `${fileStem(query, revision)}.xlsx`);
}
