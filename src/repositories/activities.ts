import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { ManagedTransaction } from 'neo4j-driver';
import {
  type ActivityFilters,
  getActivity,
  getCycle,
  getProgress,
  listActivities,
  listCycles,
  listProgress,
  nextActivityId,
  putActivities,
  putCycle,
  putProgress,
} from '../db/activities.js';
import { missingNodes, type NodeRef } from '../db/link-repository.js';
import type { ActivityView } from '../domain/activities.js';
import { conditionalRead, revisionCommittedAt } from '../lib/conditional.js';
import { notFound } from '../lib/problems.js';
import type { Activity, Cycle, Progress } from '../schemas/activities.js';
import type { PageRange } from './reads.js';

export type { NodeRef };

const unknownActivity = (id: string) =>
  notFound(`No activity ${id}.`, [{ path: 'path.id', message: `unknown activity ${id}` }]);

/**
 * Implementation activities, their yearly progress reports and the reporting cycles
 * (cypher/activities/*.cypher). Reads are conditional (ETag of the revision served); writes run
 * inside the write path's transaction.
 */
export class ActivityRepository {
  async list(reply: FastifyReply, filters: ActivityFilters, page: PageRange) {
    const found = await conditionalRead(reply.request, reply, reply.request.url, (tx) =>
      listActivities(tx, filters, page),
    );
    return { data: found.items, meta: { total: found.total, limit: page.limit, offset: page.offset } };
  }

  /**
   * Every activity the filters keep (or the page asked for), for an export: with the revision read
   * and its commit time, which stamps the file. `variant` names the representation (format, headers).
   */
  export(
    reply: FastifyReply,
    variant: string,
    filters: ActivityFilters,
    page: { limit: number | null; offset: number },
  ): Promise<{ items: Activity[]; revision: number; committedAt: string }> {
    // "Every activity": the list query slices [offset..end], so the end is the largest 32-bit one.
    const limit = page.limit ?? 2 ** 31 - 1 - page.offset;
    return conditionalRead(reply.request, reply, variant, async (tx, revision) => {
      const found = await listActivities(tx, filters, { limit, offset: page.offset });
      return { items: found.items, revision, committedAt: await revisionCommittedAt(tx, revision) };
    });
  }

  /** One activity with its progress reports (404 when there is none). */
  detail(reply: FastifyReply, id: string): Promise<Activity & { progress: Progress[] }> {
    return conditionalRead(reply.request, reply, undefined, async (tx) => {
      const activity = await getActivity(tx, id);
      if (!activity) throw unknownActivity(id);
      return { ...activity, progress: await listProgress(tx, id) };
    });
  }

  /** One progress report (404 naming the activity or the year). */
  progress(reply: FastifyReply, id: string, year: number): Promise<Progress> {
    return conditionalRead(reply.request, reply, undefined, async (tx) => {
      if (!(await getActivity(tx, id))) throw unknownActivity(id);
      const found = await getProgress(tx, id, year);
      if (!found) {
        throw notFound(`Activity ${id} has no progress report for ${year}.`, [
          { path: 'path.year', message: `no report for ${year}` },
        ]);
      }
      return found;
    });
  }

  cycles(reply: FastifyReply): Promise<Cycle[]> {
    return conditionalRead(reply.request, reply, undefined, (tx) => listCycles(tx));
  }

  // ---- inside a write ----

  /** The activity, or 404. */
  async require(tx: ManagedTransaction, id: string): Promise<Activity> {
    const activity = await getActivity(tx, id);
    if (!activity) throw unknownActivity(id);
    return activity;
  }

  find(tx: ManagedTransaction, id: string): Promise<Activity | undefined> {
    return getActivity(tx, id);
  }

  nextId(tx: ManagedTransaction): Promise<string> {
    return nextActivityId(tx);
  }

  put(tx: ManagedTransaction, view: ActivityView, stamp: Record<string, string>): Promise<void> {
    return putActivities(tx, [{ view, stamp }]);
  }

  /** The refs (of those given) that name no node. */
  missing(tx: ManagedTransaction, refs: NodeRef[]): Promise<NodeRef[]> {
    return missingNodes(tx, refs);
  }

  findProgress(tx: ManagedTransaction, id: string, year: number): Promise<Progress | undefined> {
    return getProgress(tx, id, year);
  }

  putProgress(tx: ManagedTransaction, progress: Progress): Promise<void> {
    return putProgress(tx, progress);
  }

  findCycle(tx: ManagedTransaction, year: number): Promise<Cycle | undefined> {
    return getCycle(tx, year);
  }

  putCycle(tx: ManagedTransaction, cycle: Cycle): Promise<void> {
    return putCycle(tx, cycle);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    activities: ActivityRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('activities', new ActivityRepository());
  },
  { name: 'activity-repository', dependencies: ['neo4j'] },
);
