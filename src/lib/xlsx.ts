import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { FastifyReply } from 'fastify';

/** Excel workbooks (exceljs): what UNGIS staff open. Strings stay strings (never formulas). */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A workbook stamped with `at` (the time of the graph revision it shows, never the wall clock), so
 * one revision's workbook is the same bytes from request to request.
 */
export function newWorkbook(at: Date = new Date(0)): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'wsis-gdc-roadmap API';
  workbook.created = at;
  workbook.modified = at;
  return workbook;
}

export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | boolean | null | undefined;
  /** When it returns a URL, the cell becomes a hyperlink showing the value. */
  link?: (row: T) => string | null | undefined;
}

/**
 * Adds a plain table sheet: bold frozen header row, an autofilter over the columns, one row per
 * item. Sheet names are cut to Excel's 31 characters.
 */
export function addTableSheet<T>(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: SheetColumn<T>[],
  items: Iterable<T>,
  options: { rightToLeft?: boolean } = {},
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name.slice(0, 31), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, rightToLeft: options.rightToLeft ?? false }],
  });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  let count = 0;
  for (const item of items) {
    const row = sheet.addRow(columns.map((c) => c.value(item) ?? null));
    columns.forEach((c, i) => {
      const url = c.link?.(item);
      if (url) {
        const cell = row.getCell(i + 1);
        cell.value = { text: String(cell.value ?? url), hyperlink: url };
        cell.font = { color: { argb: 'FF0563C1' }, underline: true };
      }
    });
    count += 1;
  }
  if (columns.length > 0)
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, count + 1), column: columns.length } };
  return sheet;
}

/**
 * The workbook's bytes with every zip entry dated `workbook.modified`: exceljs dates entries with the
 * wall clock, which would make two downloads of the same revision differ.
 */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const written = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
  const fixed = new JSZip();
  const date = workbook.modified;
  for (const entry of Object.values(written.files)) {
    if (entry.dir) continue;
    fixed.file(entry.name, await entry.async('nodebuffer'), { date, createFolders: false });
  }
  return fixed.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** Sends a workbook as an attachment with the xlsx media type. */
export async function sendWorkbook(
  reply: FastifyReply,
  workbook: ExcelJS.Workbook,
  filename: string,
): Promise<FastifyReply> {
  const buffer = await workbookBytes(workbook);
  reply.type(XLSX_MEDIA_TYPE);
  reply.header('content-disposition', `attachment; filename="${filename}"`);
  return reply.send(buffer);
}
