import type { ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { getActivity, putActivities } from '../db/activities.js';
import { run } from '../db/db.js';
import { nodeSnapshot } from '../db/time-travel.js';
import type { ChangeDraft, WorkResult } from '../db/recorded-write.js';
import {
  type EntityLink,
  linkActionOf,
  linkPath,
  linkRow,
  planEntityMerge,
  type Props,
  retiredLinkState,
} from '../domain/curation.js';
import { type ActivityView, activitiesAfterMerge, viewOf } from '../domain/activities.js';
import type { LinkKind } from '../domain/links.js';
import type { ReplayLink } from '../domain/time-travel.js';
import { badRequest, conflict, gone, type HttpProblem, movedPermanently, notFound } from '../lib/problems.js';
import type { curatedEntitySchema, mergeResultSchema } from '../schemas/curation.js';
import type { Actor } from './commitments.js';

/**
 * Entities retired and merged by curation (admin role), each as the `work` of one recorded write.
 * Cypher: cypher/curation/entity-*.cypher and links-put.cypher.
 */

export type CuratedEntity = z.infer<typeof curatedEntitySchema>;
export type MergeResult = z.infer<typeof mergeResultSchema>;

function fromStored(e: Record<string, unknown>): CuratedEntity {
  const source = e.source as { document: string | null; locator: string | null; url: string | null };
  return {
    id: e.id as string,
    name: e.name as string,
    kind: e.kind as string,
    ungisMember: e.ungisMember === true,
    verified: e.verified === true,
    membershipConfidence: (e.membershipConfidence as string) ?? null,
    source:
      source?.document && source.locator ? ({ ...source, url: source.url ?? null } as CuratedEntity['source']) : null,
    status: e.status as 'active' | 'retired',
    mergedInto: (e.mergedInto as string) ?? null,
    retiredAt: (e.retiredAt as string) ?? null,
    retiredReason: (e.retiredReason as string) ?? null,
    curatedAt: (e.curatedAt as string) ?? null,
    curatedBy: (e.curatedBy as string) ?? null,
  };
}

export async function getEntity(tx: ManagedTransaction, id: string): Promise<CuratedEntity | undefined> {
  const [row] = await run<{ entity: Record<string, unknown> }>(tx, 'curation/entity-get', { id });
  return row ? fromStored(row.entity) : undefined;
}

/** 410 Gone for a retired entity; a merged one names the survivor it answers under now. */
export function goneEntity(e: CuratedEntity): HttpProblem {
  const where = e.mergedInto ? ` It was merged into ${e.mergedInto}.` : '';
  return gone(`Entity ${e.id} was retired on ${e.retiredAt}.${where}`, {
    retiredAt: e.retiredAt,
    reason: e.retiredReason,
    ...(e.mergedInto ? { mergedInto: e.mergedInto } : {}),
  });
}

/** A read of a retired id: 301 to the survivor of a merge, else 410. */
export function retiredEntityRead(e: CuratedEntity): HttpProblem {
  if (!e.mergedInto) return goneEntity(e);
  return movedPermanently(
    `Entity ${e.id} was merged into ${e.mergedInto} on ${e.retiredAt}.`,
    `/v1/entities/${encodeURIComponent(e.mergedInto)}`,
    { mergedInto: e.mergedInto, reason: e.retiredReason },
  );
}

async function requireLiveEntity(tx: ManagedTransaction, id: string, path: string): Promise<CuratedEntity> {
  const e = await getEntity(tx, id);
  if (!e) throw notFound(`No entity ${id}.`, [{ path, message: `unknown entity ${id}` }]);
  if (e.status === 'retired') throw goneEntity(e);
  return e;
}

const stamp = (actor: Actor) => ({
  curatedAt: actor.at,
  curatedBy: actor.name,
  updatedAt: actor.at,
  updatedBy: actor.name,
});

const linksOf = (tx: ManagedTransaction, id: string) => run<EntityLink>(tx, 'curation/entity-links', { id });

/** Retires an entity: its live links are retired (one Change each), then the node becomes a tombstone. */
export async function retireEntity(
  tx: ManagedTransaction,
  id: string,
  reason: string,
  actor: Actor,
): Promise<WorkResult<CuratedEntity>> {
  const before = await getEntity(tx, id);
  if (!before) throw notFound(`No entity ${id}.`, [{ path: 'path.id', message: `unknown entity ${id}` }]);
  if (before.status === 'retired') return { changed: false, before, after: before, result: before };
  await refuseWhileNamedByActivities(tx, id);
  const snapshotBefore = await nodeSnapshot(tx, 'Entity', id);
  const also: ChangeDraft[] = [];
  const rows: ReturnType<typeof linkRow>[] = [];
  for (const link of await linksOf(tx, id)) {
    const next = retiredLinkState(link.props, actor);
    if (!next) continue;
    rows.push(linkRow(link.kind, id, link.to, next));
    also.push({
      action: `${linkActionOf(link.kind)}.retire`,
      target: linkPath(link.kind, id, link.to),
      before: link.props,
      after: next,
      reason: `retired with entity ${id}: ${reason}`,
      replay: { links: [{ kind: link.kind as LinkKind, from: id, to: link.to, before: link.props, after: next }] },
    });
  }
  await run(tx, 'curation/links-put', { rows });
  await run(tx, 'curation/entity-retire', {
    id,
    props: { retiredAt: actor.at, retiredBy: actor.name, retiredReason: reason, ...stamp(actor) },
  });
  const after = (await getEntity(tx, id))!;
  const replay = {
    node: { family: 'Entity' as const, id, before: snapshotBefore, after: await nodeSnapshot(tx, 'Entity', id) },
  };
  return { changed: true, before, after, also, result: after, replay };
}

/**
 * An entity that activities name as lead or partner is not retired (409 naming each): retiring it
 * would leave them pointing at a tombstone. Hand the role to another entity first, or merge the
 * entity into its successor, which takes its roles over.
 */
async function refuseWhileNamedByActivities(tx: ManagedTransaction, id: string): Promise<void> {
  const named = await run<{ id: string; role: string; status: string }>(tx, 'curation/entity-activities', { id });
  if (named.length === 0) return;
  const list = named.map((a) => `${a.id} (${a.role}, ${a.status})`).join(', ');
  throw conflict(
    `Entity ${id} is named by activities: ${list}. Give their lead or partner role to another entity first, or merge ${id} into its successor (which takes the roles over).`,
    {
      errors: named.map((a, i) => ({ path: `activities.${i}`, message: `${a.id}: ${id} is ${a.role} (${a.status})` })),
    },
  );
}

/** Activities naming `id` as lead or partner, with the survivor in its place (recorded as activity.update). */
async function moveActivityRoles(
  tx: ManagedTransaction,
  id: string,
  into: string,
  actor: Actor,
  reason: string,
): Promise<ChangeDraft[]> {
  const named = await run<{ id: string }>(tx, 'curation/entity-activities', { id });
  const views: ActivityView[] = [];
  for (const a of named) views.push(viewOf((await getActivity(tx, a.id))!));
  const moved = activitiesAfterMerge(views, id, into);
  await putActivities(
    tx,
    moved.map((m) => ({ view: m.after, stamp: { updatedAt: actor.at, updatedBy: actor.name } })),
  );
  return moved.map((m) => ({
    action: 'activity.update',
    target: `activities/${m.after.id}`,
    before: m.before,
    after: m.after,
    reason: `entity ${id} merged into ${into}: ${reason}`,
  }));
}

/**
 * Merges entity `id` into `into` (the same body under two ids): every link of `id` moves to the
 * survivor (duplicates resolved by planEntityMerge), `id` becomes a tombstone naming the survivor.
 * The change log holds both sides: one Change per link (survivor's and merged entity's states
 * before, the kept state after), one on the survivor (entity.absorb) and one on the merged id.
 */
export async function mergeEntity(
  tx: ManagedTransaction,
  id: string,
  into: string,
  reason: string,
  actor: Actor,
): Promise<WorkResult<MergeResult>> {
  if (id === into)
    throw badRequest('An entity cannot be merged into itself.', [{ path: 'body.into', message: 'same as path.id' }]);
  const merged = await requireLiveEntity(tx, id, 'path.id');
  const survivor = await requireLiveEntity(tx, into, 'body.into');
  const mergedLinks = await linksOf(tx, id);
  const survivorLinks = await linksOf(tx, into);
  const plan = planEntityMerge(mergedLinks, survivorLinks, actor);
  const snapshotBefore = await nodeSnapshot(tx, 'Entity', id);
  const activityDrafts = await moveActivityRoles(tx, id, into, actor, reason);

  await run(tx, 'curation/entity-drop-links', { id });
  await run(tx, 'curation/links-put', {
    rows: plan.map((p) => linkRow(p.kind, into, p.to, p.after)),
  });
  await run(tx, 'curation/entity-retire', {
    id,
    props: {
      retiredAt: actor.at,
      retiredBy: actor.name,
      retiredReason: `merged into ${into}: ${reason}`,
      mergedInto: into,
      ...stamp(actor),
    },
  });
  const after = (await getEntity(tx, id))!;
  const survivorAfter = (await getEntity(tx, into))!;
  const linkRef = (p: Props | null) =>
    p ? { role: (p.role as string) ?? null, status: (p.status as string) ?? null } : null;
  const also: ChangeDraft[] = plan.map((p) => ({
    action: `${linkActionOf(p.kind)}.merge`,
    target: linkPath(p.kind, into, p.to),
    before: { survivor: p.survivorBefore, merged: { entity: id, ...p.mergedBefore } },
    after: p.after,
    reason: `entity ${id} merged into ${into} (${p.outcome}): ${reason}`,
    replay: {
      links: [
        { kind: p.kind, from: into, to: p.to, before: p.survivorBefore, after: p.after },
        { kind: p.kind, from: id, to: p.to, before: p.mergedBefore, after: null },
      ] satisfies ReplayLink[],
    },
  }));
  also.push(...activityDrafts);
  const linkSummary = plan.map((p) => ({ type: p.kind, to: p.to, outcome: p.outcome, kept: linkRef(p.after) }));
  also.push({
    action: 'entity.absorb',
    target: `entities/${into}`,
    before: { ...survivor, links: survivorLinks.map((l) => ({ type: l.kind, to: l.to, ...linkRef(l.props) })) },
    after: { ...survivorAfter, absorbed: id, links: linkSummary },
    reason,
    // The survivor node itself does not change: its links are recorded one by one above.
    replay: {},
  });
  return {
    changed: true,
    replay: { node: { family: 'Entity', id, before: snapshotBefore, after: await nodeSnapshot(tx, 'Entity', id) } },
    before: { ...merged, links: mergedLinks.map((l) => ({ type: l.kind, to: l.to, ...linkRef(l.props) })) },
    after: { ...after, mergedInto: into },
    also,
    result: {
      merged: after,
      survivor: survivorAfter,
      links: plan.map((p) => ({
        type: p.kind,
        to: p.to,
        outcome: p.outcome,
        role: (p.after.role as string) ?? null,
        status: (p.after.status as string) ?? null,
      })),
    },
  };
}

export interface EntityInput {
  id: string;
  name: string;
  kind: string;
  ungisMember: boolean;
  verified?: boolean | undefined;
  membershipConfidence?: string | undefined;
  source: { document: string; locator: string; url?: string | null | undefined };
}

const entitySourceProps = (source: EntityInput['source']): Props => ({
  sourceDocument: source.document,
  sourceLocator: source.locator,
  sourceUrl: source.url ?? null,
});

/** Creates an entity; 409 when the id is taken, even by a retired or merged one (ids are never reused). */
export async function createEntity(
  tx: ManagedTransaction,
  input: EntityInput,
  actor: Actor,
): Promise<WorkResult<CuratedEntity>> {
  const existing = await getEntity(tx, input.id);
  if (existing) {
    const how = existing.status === 'retired' ? 'was used by a retired entity; ids are never reused' : 'exists';
    throw conflict(`Entity ${input.id} ${how}.`, { errors: [{ path: 'body.id', message: `${input.id} ${how}` }] });
  }
  await run(tx, 'curation/entity-create', {
    props: {
      id: input.id,
      name: input.name,
      kind: input.kind,
      ungisMember: input.ungisMember,
      verified: input.verified ?? false,
      membershipConfidence: input.membershipConfidence ?? 'unverified',
      ...entitySourceProps(input.source),
      createdAt: actor.at,
      createdBy: actor.name,
      ...stamp(actor),
    },
  });
  const after = (await getEntity(tx, input.id))!;
  const replay = {
    node: { family: 'Entity' as const, id: input.id, before: null, after: await nodeSnapshot(tx, 'Entity', input.id) },
  };
  return { changed: true, before: null, after, result: after, replay };
}

const entityContent = (e: CuratedEntity) =>
  JSON.stringify([e.name, e.kind, e.ungisMember, e.verified, e.membershipConfidence, e.source]);

/** Changes a live entity's fields (only those given); a change that changes nothing is a no-op. */
export async function updateEntity(
  tx: ManagedTransaction,
  id: string,
  fields: Partial<Omit<EntityInput, 'id'>>,
  actor: Actor,
): Promise<WorkResult<CuratedEntity>> {
  const before = await requireLiveEntity(tx, id, 'path.id');
  const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const wanted = {
    ...before,
    ...given,
    source: fields.source ? { ...fields.source, url: fields.source.url ?? null } : before.source,
  } as CuratedEntity;
  if (entityContent(wanted) === entityContent(before)) return { changed: false, before, after: before, result: before };
  const { source, ...plain } = given as Partial<EntityInput>;
  const snapshotBefore = await nodeSnapshot(tx, 'Entity', id);
  await run(tx, 'curation/entity-set', {
    id,
    props: { ...plain, ...(source ? entitySourceProps(source) : {}), ...stamp(actor) },
  });
  const after = (await getEntity(tx, id))!;
  const replay = {
    node: { family: 'Entity' as const, id, before: snapshotBefore, after: await nodeSnapshot(tx, 'Entity', id) },
  };
  return { changed: true, before, after, result: after, replay };
}
