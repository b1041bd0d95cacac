import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { ManagedTransaction } from 'neo4j-driver';
import { changesBetween } from '../db/time-travel.js';
import { createVersion, endorseVersion, getVersion, listVersions, nextVersionSlot } from '../db/versions.js';
import { diffOf, type RoadmapDiff } from '../domain/time-travel.js';
import { committedRevision } from '../db/consistency.js';
import { checkReachable, revisionOfVersion } from '../lib/as-of.js';
import { conditionalRead } from '../lib/conditional.js';
import { badRequest, notFound } from '../lib/problems.js';
import type { Version } from '../schemas/versions.js';

export interface DiffEnd {
  revision: number;
  version: string | null;
}

/** A diff end ("v3" or "42", none = now) as a revision, with the version it came from. */
async function resolveEnd(tx: ManagedTransaction, end: string | undefined, path: string): Promise<DiffEnd> {
  if (end === undefined) return { revision: await committedRevision(tx), version: null };
  if (end.startsWith('v')) return { revision: await revisionOfVersion(tx, end, path), version: end };
  return { revision: Number(end), version: null };
}

/**
 * Named versions of the roadmap (cypher/versions/*.cypher) and the diff between two states, from
 * the change log (cypher/time-travel/changes-between.cypher). Writes run inside the write path's
 * transaction.
 */
export class VersionRepository {
  list(reply: FastifyReply): Promise<Version[]> {
    return conditionalRead(reply.request, reply, reply.request.url, (tx) => listVersions(tx));
  }

  get(reply: FastifyReply, id: string): Promise<Version> {
    return conditionalRead(reply.request, reply, undefined, async (tx) => {
      const found = await getVersion(tx, id);
      if (!found) throw notFound(`No version ${id}.`, [{ path: 'path.id', message: `unknown version ${id}` }]);
      return found;
    });
  }

  find(tx: ManagedTransaction, id: string): Promise<Version | undefined> {
    return getVersion(tx, id);
  }

  /** 400/422 unless the log can rebuild `revision` (see src/lib/as-of.ts). */
  checkReachable(tx: ManagedTransaction, revision: number, path: string): Promise<void> {
    return checkReachable(tx, revision, path);
  }

  nextSlot(tx: ManagedTransaction, name: string) {
    return nextVersionSlot(tx, name);
  }

  create(tx: ManagedTransaction, version: Omit<Version, 'endorsement'>): Promise<Version> {
    return createVersion(tx, version);
  }

  endorse(
    tx: ManagedTransaction,
    id: string,
    endorsement: { body: string; date: string; documentRef: string },
    actor: string,
    at: string,
  ): Promise<Version> {
    return endorseVersion(tx, id, endorsement, actor, at);
  }

  /** The net difference between two versions or revisions (`to` absent: now). */
  diff(
    reply: FastifyReply,
    from: string,
    to: string | undefined,
    variant: string,
  ): Promise<RoadmapDiff & { from: DiffEnd; to: DiffEnd }> {
    return conditionalRead(reply.request, reply, variant, async (tx) => {
      const start = await resolveEnd(tx, from, 'query.from');
      const end = await resolveEnd(tx, to, 'query.to');
      await checkReachable(tx, end.revision, 'query.to');
      await checkReachable(tx, start.revision, 'query.from');
      if (start.revision > end.revision) {
        throw badRequest(`from (revision ${start.revision}) is after to (revision ${end.revision}).`, [
          { path: 'query.from', message: `must not be after revision ${end.revision}` },
        ]);
      }
      return { from: start, to: end, ...diffOf(await changesBetween(tx, start.revision, end.revision)) };
    });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    versions: VersionRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('versions', new VersionRepository());
  },
  { name: 'version-repository', dependencies: ['neo4j'] },
);
