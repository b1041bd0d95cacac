import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, Transform } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { consistentRead } from '../db/consistency.js';
import { cypher } from '../db/cypher.js';
import { asQueryError } from '../db/errors.js';
import { readAsOf, resolveAsOf } from './as-of.js';
import { matchesIfNoneMatch, NotModified, representationEtag, setCacheHeaders, setReadPass } from './conditional.js';
import { sendCsvStream } from './csv.js';

/** One named query of an export and how each of its records becomes an output row. */
export interface ExportPart {
  query: string;
  params: Record<string, unknown>;
  toRow: (record: Record<string, unknown>) => Record<string, unknown>;
}

export type ExportFormat =
  | { kind: 'csv'; columns: readonly (string | { key: string; header: string })[]; filename: string; bom?: boolean }
  | { kind: 'ndjson'; filename: string };

/** Writes one line to the spool, waiting when the file lags behind (the driver's stream waits with us). */
async function writeLine(spool: WriteStream, line: string): Promise<void> {
  if (!spool.write(line)) await once(spool, 'drain');
}

async function closeSpool(spool: WriteStream): Promise<void> {
  if (spool.closed) return;
  spool.end();
  await once(spool, 'close');
}

/** The spooled rows, one object per JSON line, as an object-mode stream. */
function spooledRows(file: string): Readable {
  async function* rows(): AsyncGenerator<Record<string, unknown>> {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) if (line) yield JSON.parse(line) as Record<string, unknown>;
  }
  return Readable.from(rows());
}

/**
 * A large export (CSV or JSON lines) that never holds its whole body, nor one giant record, in
 * memory, and shows one committed state like every read (src/db/consistency.ts).
 *
 * The rows are read inside a consistent read: records stream from Neo4j (small records, pulled as
 * the spool takes them) and each mapped row is appended to a temporary file. Only when the read
 * has proved that no write overlapped it are the headers (ETag of that revision) and the body sent,
 * streamed from the file through the CSV writer or as JSON lines. A read torn by a write is simply
 * read again into a fresh file (and, after a few tries, under the revision lock): the client never
 * sees a failure caused by a write, nor a file cut short. If-None-Match is answered 304 before any
 * row is read. The file is removed when the response ends, however it ends.
 */
export async function sendExport(
  request: FastifyRequest,
  reply: FastifyReply,
  variant: string,
  parts: ExportPart[],
  format: ExportFormat,
): Promise<FastifyReply> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'roadmap-export-'));
  const removeSpool = () => rm(dir, { recursive: true, force: true }).catch(() => undefined);
  let attempt = 0;
  let sending = false;
  try {
    // ?version= / ?revision=: the same rows from the roadmap as it stood then (src/lib/as-of.ts).
    const asOf = await resolveAsOf(request);
    const read: typeof consistentRead<string> =
      asOf === undefined
        ? consistentRead
        : async (_db, work) => ({
            revision: asOf,
            pass: 'locked' as const, // a past state is read under the revision lock
            value: await readAsOf(request, asOf, (tx) =>
              work(
                tx,
                asOf,
                () => undefined,
                () => {},
              ),
            ),
          });
    const {
      revision,
      value: file,
      pass,
    } = await read(request.server.db, async (tx, revision) => {
      const etag = representationEtag(revision, variant);
      if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) throw new NotModified(etag);
      attempt += 1;
      const spoolFile = path.join(dir, `rows-${attempt}.jsonl`); // a retried read starts a fresh file
      const spool = createWriteStream(spoolFile);
      try {
        for (const part of parts) {
          for await (const record of tx.run(cypher(part.query), part.params)) {
            await writeLine(spool, `${JSON.stringify(part.toRow(record.toObject()))}\n`);
          }
        }
      } catch (error) {
        throw asQueryError(error);
      } finally {
        await closeSpool(spool);
      }
      return spoolFile;
    });

    setReadPass(reply, pass);
    setCacheHeaders(reply, representationEtag(revision, variant));
    const filename = `${format.filename}-r${revision}.${format.kind === 'csv' ? 'csv' : 'jsonl'}`;
    const rows = spooledRows(file);
    reply.raw.once('close', () => void removeSpool());
    sending = true;
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
  } finally {
    if (!sending) await removeSpool();
  }
}
