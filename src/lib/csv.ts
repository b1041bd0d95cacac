import { Readable } from 'node:stream';
import { stringify, type Options } from 'csv-stringify';
import type { FastifyReply } from 'fastify';

/**
 * The one CSV writer of the API: every CSV response goes through `sendCsv`, `sendCsvRows` or
 * `sendCsvStream`,
 * so how values are written (RFC 4180, UTF-8, CRLF, quotes where needed, booleans as true/false) is
 * decided here once.
 *
 * Exports are opened in spreadsheets by people who trust them, so a cell a spreadsheet would
 * read as a formula (text starting with `=`, `+`, `-`, `@`, tab or carriage return) is
 * neutralised as OWASP recommends for CSV injection: a single quote is put in front of it and
 * the cell is quoted. The quote shows in the spreadsheet and tells a reader the text was defused;
 * a program reading the CSV sees `'` followed by the stored text.
 */
export const CSV_INJECTION_NOTE =
  'CSV cells that begin with `=`, `+`, `-`, `@`, tab or carriage return are prefixed with a single quote ' +
  "(`'`) and quoted, so spreadsheets show them as text instead of running them as formulas (OWASP CSV injection).";

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell's text, defused when a spreadsheet would read it as a formula. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const options: Options = {
  record_delimiter: 'windows',
  cast: {
    boolean: (b) => String(b),
    // Numbers the service writes itself are safe; a negative one stays a number (no quote).
    string: (s) => (FORMULA_START.test(s) ? { value: neutraliseCell(s), quoted: true } : s),
  },
};

export interface CsvOptions {
  /** ',' (CSV, default) or '\t' (TSV). */
  delimiter?: string;
  /** Text written before the header line (e.g. the #-commented metadata of SSSOM/TSV). */
  preamble?: string;
  /** Media type without charset; default text/csv. */
  mediaType?: string;
  /** Start with a UTF-8 byte order mark, so Excel reads non-Latin text (Arabic, Chinese) as UTF-8. */
  bom?: boolean;
}

function csvStream(extra: Options, csvOptions: CsvOptions) {
  return stringify({
    ...options,
    ...extra,
    delimiter: csvOptions.delimiter ?? ',',
    // With a preamble the BOM must come before it, so sendStream writes it instead.
    bom: (csvOptions.bom ?? false) && !csvOptions.preamble,
  });
}

function sendStream(
  reply: FastifyReply,
  csv: NodeJS.ReadableStream,
  filename: string | undefined,
  csvOptions: CsvOptions,
): FastifyReply {
  reply.type(`${csvOptions.mediaType ?? 'text/csv'}; charset=utf-8`);
  if (filename) reply.header('content-disposition', `attachment; filename="${filename}"`);
  const { preamble } = csvOptions;
  if (!preamble) return reply.send(csv);
  const head = (csvOptions.bom ? '\ufeff' : '') + preamble;
  async function* withPreamble() {
    yield head;
    for await (const chunk of csv) yield chunk;
  }
  return reply.send(Readable.from(withPreamble()));
}

/**
 * Streams rows as CSV with a header line. `columns` fixes the order: keys, or keys with the header
 * written for them (src/lib/i18n/column-labels); values that are objects must be flattened by the caller.
 */
export function sendCsv(
  reply: FastifyReply,
  columns: readonly (string | { key: string; header: string })[],
  rows: Iterable<Record<string, unknown>>,
  filename?: string,
  csvOptions: CsvOptions = {},
): FastifyReply {
  const csv = csvStream({ header: true, columns: [...columns] }, csvOptions);
  Readable.from(rows).pipe(csv);
  return sendStream(reply, csv, filename, csvOptions);
}

/**
 * Streams rows given as arrays, the first being the header: for tables whose column names are data
 * (matrix column ids such as "5.b", which an object key path would split).
 */
export function sendCsvRows(
  reply: FastifyReply,
  rows: Iterable<unknown[]>,
  filename?: string,
  csvOptions: CsvOptions = {},
): FastifyReply {
  const csv = csvStream({}, csvOptions);
  Readable.from(rows).pipe(csv);
  return sendStream(reply, csv, filename, csvOptions);
}

/**
 * Streams rows that arrive over time (an object-mode stream, e.g. records pulled from Neo4j) as
 * CSV with the same settings: nothing is buffered beyond the stream's backpressure. An error of
 * `rows` cuts the response off (the client sees an aborted transfer, never a file that looks whole).
 */
export function sendCsvStream(
  reply: FastifyReply,
  rows: Readable,
  columns: readonly (string | { key: string; header: string })[],
  filename?: string,
  csvOptions: CsvOptions = {},
): FastifyReply {
  const csv = csvStream({ header: true, columns: [...columns] }, csvOptions);
  rows.on('error', (error) => csv.destroy(error));
  rows.pipe(csv);
  return sendStream(reply, csv, filename, csvOptions);
}
