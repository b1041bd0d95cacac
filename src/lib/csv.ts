import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';

/**
 * Streams rows as RFC 4180 CSV (UTF-8, CRLF, quotes where needed) with a header line.
 * `columns` fixes the order; values that are objects must be flattened by the caller.
 */
export function sendCsv(
  reply: FastifyReply,
  columns: string[],
  rows: Iterable<Record<string, unknown>>,
  filename?: string,
): FastifyReply {
  const csv = stringify({ header: true, columns, record_delimiter: 'windows', cast: { boolean: (b) => String(b) } });
  Readable.from(rows).pipe(csv);
  reply.type('text/csv; charset=utf-8');
  if (filename) reply.header('content-disposition', `attachment; filename="${filename}"`);
  return reply.send(csv);
}
