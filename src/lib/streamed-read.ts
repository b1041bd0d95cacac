import { Readable, Transform } from 'node:stream';
import type { Transaction } from 'neo4j-driver';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cypher } from '../db/cypher.js';
import { asQueryError } from '../db/errors.js';
import { sendCsvStream } from './csv.js';
import { matchesIfNoneMatch, NotModified, representationEtag, setCacheHeaders } from './conditional.js';

/** A write was announced when the export was to start: the caller answers 503 and the client retries. */
export class ExportBusy extends Error {
  constructor() {
    super('a write is in progress; retry the export shortly');
  }
}

/** One named query of an export and how each of its records becomes an output row. */
export interface ExportPart {
  query: string;
  params: Record<string, unknown>;
  toRow: (record: Record<string, unknown>) => Record<string, unknown>;
}

export type ExportFormat =
  | { kind: 'csv'; columns: readonly (string | { key: string; header: string })[]; filename: string; bom?: boolean }
  | { kind: 'ndjson'; filename: string };

/** The revision and the writes announced but not settled (cypher/revision/stable.cypher; see src/db/consistency.ts). */
async function stable(tx: Transaction): Promise<{ revision: number; pending: number }> {
  const record = (await tx.run(cypher('revision/stable'))).records[0];
  return { revision: Number(record?.get('revision') ?? 0), pending: Number(record?.get('pending') ?? 0) };
}

/** Records pulled from Neo4j ahead of the HTTP writer; the driver pauses the stream beyond this. */
const FETCH_SIZE = 1000;

/**
 * Streams a large export (CSV or JSON lines) straight from Neo4j records to the socket, so the API
 * never holds the whole body (nor one giant record) in memory. One read transaction: it reads the
 * revision first (ETag, 304 on If-None-Match), then runs the parts in order, each record mapped to
 * a row as it arrives; backpressure from the client pauses the driver. The first record is pulled
 * before the status line is sent, so a query that Neo4j refuses (memory limit, database away)
 * still answers a problem+json; a failure after that can only cut the stream short.
 */
export async function sendExport(
  request: FastifyRequest,
  reply: FastifyReply,
  variant: string,
  parts: ExportPart[],
  format: ExportFormat,
): Promise<FastifyReply> {
  const session = request.server.db.driver.session({ defaultAccessMode: 'READ', fetchSize: FETCH_SIZE });
  const tx = await session.beginTransaction();
  let handedOver = false;
  try {
    // Consistent like every read (src/db/consistency.ts), checked at both ends: no write may be
    // announced when the export starts, and the revision must not have moved and no write be pending
    // when it ends. A stream cannot be retried once bytes are out, so an export that overlapped a
    // write is cut off (the client sees an aborted transfer, never a torn file) and is retried by
    // the client; one that starts while a write is announced answers 503 + Retry-After.
    const before = await stable(tx);
    if (before.pending > 0) throw new ExportBusy();
    const revision = before.revision;
    const etag = representationEtag(revision, variant);
    if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) throw new NotModified(etag);
    setCacheHeaders(reply, etag);

    async function* records(): AsyncGenerator<Record<string, unknown>> {
      try {
        for (const part of parts) {
          for await (const record of tx.run(cypher(part.query), part.params)) yield part.toRow(record.toObject());
        }
        const after = await stable(tx);
        if (after.pending > 0 || after.revision !== revision) {
          throw new Error(
            `export overlapped a write (r${revision} → r${after.revision}); cut off so no torn file is sent`,
          );
        }
        await tx.commit();
      } catch (error) {
        throw asQueryError(error);
      } finally {
        await session.close();
      }
    }
    const source = records();
    const first = await source.next(); // errors here still become a problem+json
    handedOver = true;
    async function* all(): AsyncGenerator<Record<string, unknown>> {
      if (first.done) return;
      yield first.value;
      yield* source;
    }
    const rows = Readable.from(all());
    const filename = `${format.filename}-r${revision}.${format.kind === 'csv' ? 'csv' : 'jsonl'}`;
    // CSV through the one CSV writer (src/lib/csv.ts: formula defusing, byte order mark).
    if (format.kind === 'csv') return sendCsvStream(reply, rows, format.columns, filename, { bom: format.bom });
    reply.header('content-disposition', `attachment; filename="${filename}"`);
    const lines = new Transform({
      writableObjectMode: true,
      transform(row, _encoding, done) {
        done(null, `${JSON.stringify(row)}\n`);
      },
    });
    rows.on('error', (error) => lines.destroy(error));
    return reply.type('application/x-ndjson; charset=utf-8').send(rows.pipe(lines));
  } catch (error) {
    throw error instanceof NotModified ? error : asQueryError(error);
  } finally {
    if (!handedOver) await session.close();
  }
}
