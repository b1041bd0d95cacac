import type { FastifyReply } from 'fastify';
import { activityCsvColumns, activityCsvRow } from '../../../domain/activities.js';
import { sendCsv } from '../../../lib/csv.js';
import {
  type ColumnKey,
  type ExportHeaders,
  headerOf,
  localizedColumns,
} from '../../../lib/i18n/column-labels/index.js';
import { addTableSheet, newWorkbook, type SheetColumn, sendWorkbook } from '../../../lib/xlsx.js';
import type { Activity } from '../../../schemas/activities.js';
import { isRightToLeft } from '../../../lib/i18n/languages.js';

/** The activity list as CSV or XLSX: one row per activity, the columns of activityCsvColumns. */

const columns = activityCsvColumns satisfies readonly ColumnKey[];
type Row = ReturnType<typeof activityCsvRow>;

const widths: Partial<Record<(typeof columns)[number], number>> = {
  title: 40,
  description: 60,
  indicators: 50,
  sourceDocument: 48,
  sourceLocator: 24,
  sourceUrl: 40,
  createdAt: 24,
  updatedAt: 24,
};

export interface ActivityExport {
  items: Activity[];
  revision: number;
  committedAt: string;
}

const fileStem = (revision: number) => `roadmap-activities-r${revision}`;

export function sendActivitiesCsv(
  reply: FastifyReply,
  found: ActivityExport,
  headers: ExportHeaders,
  bom: boolean,
): FastifyReply {
  return sendCsv(
    reply,
    localizedColumns(columns, headers),
    found.items.map(activityCsvRow),
    `${fileStem(found.revision)}.csv`,
    {
      bom,
    },
  );
}

/**
 * "Activities" (one row per activity, source URLs as links) and "About" (revision, its commit time,
 * how cells are written). Stamped with the revision's commit time: one revision, the same bytes.
 */
export function sendActivitiesXlsx(
  reply: FastifyReply,
  found: ActivityExport,
  headers: ExportHeaders,
): Promise<FastifyReply> {
  const rightToLeft = isRightToLeft(headers.language);
  const workbook = newWorkbook(new Date(found.committedAt));
  const sheetColumns: SheetColumn<Row>[] = columns.map((key) => ({
    header: headerOf(key, headers),
    width: widths[key] ?? 16,
    value: (row) => row[key],
    ...(key === 'sourceUrl' ? { link: (row: Row) => row.sourceUrl } : {}),
  }));
  addTableSheet(workbook, 'Activities', sheetColumns, found.items.map(activityCsvRow), { rightToLeft });
  addTableSheet(
    workbook,
    'About',
    [
      { header: headerOf('item', headers), width: 22, value: (x: [string, string]) => x[0] },
      { header: headerOf('value', headers), width: 100, value: (x: [string, string]) => x[1] },
    ],
    [
      ['graph revision', String(found.revision)],
      ['exported at', `${found.committedAt} (when graph revision ${found.revision} was committed)`],
      ['activities', String(found.items.length)],
      ['lists', 'partners, action lines, commitments, targets and indicators: items joined with "; "'],
      ['indicators', 'each as <name> [<unit>] <baseline> → <target> ("?" when the baseline is unknown)'],
      ['source', 'Implementation activities recorded through the WSIS–GDC–SDG roadmap API, each with its source'],
    ] as [string, string][],
    { rightToLeft },
  );
  return sendWorkbook(reply, workbook, `${fileStem(found.revision)}.xlsx`);
}
