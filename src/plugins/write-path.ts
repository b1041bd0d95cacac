import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { ManagedTransaction } from 'neo4j-driver';
import { type WorkResult, type WriteOutcome, type WriteSpec, writeRecorded } from '../db/recorded-write.js';
import { ChangeStream } from '../lib/change-stream.js';
import { unauthorized } from '../lib/problems.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Server-Sent Events hub of GET /v1/changes/stream; writes nudge it. */
    changeStream: ChangeStream;
  }
  interface FastifyReply {
    /**
     * The one write path of a route: the actor is the request's API key, If-Match comes from the
     * request, `work` runs in one transaction with the revision advance and the Change record(s)
     * (src/db/recorded-write.ts); the new ETag goes on the reply and local change streams are nudged.
     */
    recordedWrite<T>(
      spec: Omit<WriteSpec, 'ifMatch'>,
      work: (tx: ManagedTransaction, revision: number) => Promise<WorkResult<T>>,
    ): Promise<WriteOutcome<T>>;
  }
}

async function recordedWrite<T>(
  this: FastifyReply,
  spec: Omit<WriteSpec, 'ifMatch'>,
  work: (tx: ManagedTransaction, revision: number) => Promise<WorkResult<T>>,
): Promise<WriteOutcome<T>> {
  const { request } = this;
  const principal = request.principal;
  if (!principal) throw unauthorized('This operation needs an API key: send Authorization: Bearer <key>.');
  const outcome = await writeRecorded(
    request.server.db,
    principal,
    { ...spec, ifMatch: request.headers['if-match'] },
    work,
  );
  this.header('etag', outcome.etag);
  this.header('cache-control', 'no-store');
  if (outcome.changed) {
    // Read-your-writes for this process's caches: the committed revision is known before the reply.
    // It was current at its commit, which came after this request arrived (the staleness clock's start).
    request.server.revisions?.observe(outcome.revision, performance.now() - this.elapsedTime, false);
    request.server.changeStream.nudge();
  }
  return outcome;
}

/** The write path (If-Match, revision, audit Change, change-stream nudge) for every route that writes. */
export default fp(
  async (app) => {
    const stream = new ChangeStream(app.db, app.log);
    app.decorate('changeStream', stream);
    // End open event streams before the server waits for its connections to close.
    app.addHook('preClose', async () => stream.close());
    app.decorateReply('recordedWrite', recordedWrite);
  },
  { name: 'write-path', dependencies: ['neo4j', 'auth'] },
);
