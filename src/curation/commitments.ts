import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { getActivity, putActivities } from '../db/activities.js';
import { run } from '../db/db.js';
import { nodeSnapshot } from '../db/time-travel.js';
import type { ChangeDraft, WorkResult } from '../db/recorded-write.js';
import {
  commitmentIdOf,
  commitmentLabelOf,
  linkActionOf,
  linkPath,
  linkRow,
  type Props,
  retiredLinkState,
} from '../domain/curation.js';
import { type ActivityView, viewOf } from '../domain/activities.js';
import type { LinkKind } from '../domain/links.js';
import type { ReplayLink, ReplayRecord } from '../domain/time-travel.js';
import { conflict, gone, type HttpProblem, movedPermanently, notFound } from '../lib/problems.js';
import type { commitmentCreateSchema, curatedCommitmentSchema } from '../schemas/curation.js';

/**
 * GDC commitments created, changed, retired and renumbered by curation (admin role), each as the
 * `work` of one recorded write: the caller (a route or the reference import) runs it inside the
 * write path's transaction, which records the returned before/after as Change records.
 * Cypher: cypher/curation/commitment-*.cypher.
 */

export type CuratedCommitment = z.infer<typeof curatedCommitmentSchema>;
export type CommitmentInput = Omit<z.infer<typeof commitmentCreateSchema>, 'reason'>;
export interface Actor {
  name: string;
  at: string;
}

const toInt = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function fromStored(c: Record<string, unknown>): CuratedCommitment {
  const source = c.source as { document: string | null; locator: string | null; url: string | null };
  return {
    id: c.id as string,
    label: (c.label as string) ?? null,
    paragraph: toInt(c.paragraph),
    letter: (c.letter as string) ?? null,
    objective: toInt(c.objective),
    section: (c.section as string) ?? null,
    sectionTitle: (c.sectionTitle as string) ?? null,
    summary: (c.summary as string) ?? null,
    sdgs: ((c.sdgs as string[]) ?? []).map(Number),
    verified: c.verified === true,
    confidence: (c.confidence as string) ?? null,
    source:
      source?.document && source.locator
        ? ({ ...source, url: source.url ?? null } as CuratedCommitment['source'])
        : null,
    status: c.status as 'active' | 'retired',
    replacedBy: (c.replacedBy as string) ?? null,
    retiredAt: (c.retiredAt as string) ?? null,
    retiredReason: (c.retiredReason as string) ?? null,
    curatedAt: (c.curatedAt as string) ?? null,
    curatedBy: (c.curatedBy as string) ?? null,
  };
}

export async function getCommitment(tx: ManagedTransaction, id: string): Promise<CuratedCommitment | undefined> {
  const [row] = await run<{ commitment: Record<string, unknown> }>(tx, 'curation/commitment-get', { id });
  return row ? fromStored(row.commitment) : undefined;
}

/** The commitment must exist and be live: 404 for an unknown id, 410 (naming its successor) for a retired one. */
export async function requireLiveCommitment(tx: ManagedTransaction, id: string): Promise<CuratedCommitment> {
  const c = await getCommitment(tx, id);
  if (!c) throw notFound(`No GDC commitment ${id}.`, [{ path: 'path.id', message: `unknown GDC commitment ${id}` }]);
  if (c.status === 'retired') throw goneCommitment(c);
  return c;
}

/** 410 Gone for a retired commitment; a renumbered one names the id it answers under now. */
export function goneCommitment(c: CuratedCommitment): HttpProblem {
  const where = c.replacedBy ? ` It was renumbered: it is now ${c.replacedBy}.` : '';
  return gone(`GDC commitment ${c.id} was retired on ${c.retiredAt}.${where}`, {
    retiredAt: c.retiredAt,
    reason: c.retiredReason,
    ...(c.replacedBy ? { replacedBy: c.replacedBy } : {}),
  });
}

/** A read of a retired id: 301 to the renumbered commitment, else 410. */
export function retiredCommitmentRead(c: CuratedCommitment): HttpProblem {
  if (!c.replacedBy) return goneCommitment(c);
  return movedPermanently(
    `GDC commitment ${c.id} was renumbered to ${c.replacedBy} on ${c.retiredAt}.`,
    `/v1/gdc/commitments/${c.replacedBy}`,
    { replacedBy: c.replacedBy, reason: c.retiredReason },
  );
}

const stamp = (actor: Actor) => ({
  curatedAt: actor.at,
  curatedBy: actor.name,
  updatedAt: actor.at,
  updatedBy: actor.name,
});

function sourceProps(source: CommitmentInput['source']): Props {
  return { sourceDocument: source.document, sourceLocator: source.locator, sourceUrl: source.url ?? null };
}

/** The properties of a cited-SDG link: endorsed when the commitment is verified, else proposed. */
const sdgLinkProps = (verified: boolean, source: CommitmentInput['source'], actor: Actor): Props => ({
  status: verified ? 'endorsed' : 'proposed',
  ...sourceProps(source),
  createdAt: actor.at,
  createdBy: actor.name,
  ...stamp(actor),
});

async function requireFreeId(tx: ManagedTransaction, id: string, path: string): Promise<void> {
  const existing = await getCommitment(tx, id);
  if (!existing) return;
  const how =
    existing.status === 'retired'
      ? `was used by a commitment retired on ${existing.retiredAt}; ids are never reused`
      : 'exists';
  throw conflict(`GDC commitment ${id} ${how}.`, { errors: [{ path, message: `${id} ${how}` }] });
}

/** Creates a commitment with its objective, cited SDGs and source; 409 when the id is taken (even by a retired one). */
export async function createCommitment(
  tx: ManagedTransaction,
  input: CommitmentInput,
  actor: Actor,
): Promise<WorkResult<CuratedCommitment>> {
  const id = commitmentIdOf(input.paragraph, input.letter);
  await requireFreeId(tx, id, 'body.paragraph');
  const verified = input.verified ?? false;
  const created = await run(tx, 'curation/commitment-create', {
    objective: String(input.objective),
    props: {
      id,
      label: commitmentLabelOf(input.paragraph, input.letter),
      paragraph: neo4j.int(input.paragraph),
      letter: input.letter,
      section: input.section,
      sectionTitle: input.sectionTitle,
      summary: input.summary,
      verified,
      confidence: input.confidence ?? 'low',
      ...sourceProps(input.source),
      createdAt: actor.at,
      createdBy: actor.name,
      ...stamp(actor),
    },
    under: {
      status: 'endorsed',
      ...sourceProps(input.source),
      createdAt: actor.at,
      createdBy: actor.name,
      ...stamp(actor),
    },
  });
  if (created.length === 0)
    throw notFound(`No GDC objective ${input.objective}.`, [
      { path: 'body.objective', message: `unknown GDC objective ${input.objective}` },
    ]);
  await run(tx, 'curation/commitment-set-sdgs', {
    id,
    sdgs: input.sdgs.map(String),
    link: sdgLinkProps(verified, input.source, actor),
    at: actor.at,
    by: actor.name,
  });
  const after = (await getCommitment(tx, id))!;
  const replay: ReplayRecord = {
    node: { family: 'GdcCommitment', id, before: null, after: await nodeSnapshot(tx, 'GdcCommitment', id) },
    links: changedLinks([], await linksOfCommitment(tx, id)),
  };
  return { changed: true, before: null, after, result: after, replay };
}

const linksOfCommitment = (tx: ManagedTransaction, id: string) =>
  run<StoredLink>(tx, 'curation/commitment-links', { id });

/** The links whose properties differ between two reads of a commitment's links (the replay's link records). */
function changedLinks(before: StoredLink[], after: StoredLink[]): ReplayLink[] {
  const key = (l: StoredLink) => `${l.type}|${l.from}|${l.to}`;
  const was = new Map(before.map((l) => [key(l), l]));
  const now = new Map(after.map((l) => [key(l), l]));
  return [...new Set([...was.keys(), ...now.keys()])].sort().flatMap((k) => {
    const [b, a] = [was.get(k), now.get(k)];
    if (JSON.stringify(b?.props ?? null) === JSON.stringify(a?.props ?? null)) return [];
    const l = (a ?? b)!;
    return [{ kind: l.type as LinkKind, from: l.from, to: l.to, before: b?.props ?? null, after: a?.props ?? null }];
  });
}

/** Comparable content of a commitment (who/when aside), for no-op detection. */
const content = (c: CuratedCommitment) =>
  JSON.stringify([
    c.paragraph,
    c.letter,
    c.objective,
    c.section,
    c.sectionTitle,
    c.summary,
    c.sdgs,
    c.verified,
    c.confidence,
    c.source,
  ]);

/**
 * Changes a live commitment's fields (paragraph and letter excepted: they make the id, see
 * renumberCommitment). Only the fields given change; a change that changes nothing is a no-op.
 */
export async function updateCommitment(
  tx: ManagedTransaction,
  id: string,
  fields: Partial<Omit<CommitmentInput, 'paragraph' | 'letter'>>,
  actor: Actor,
): Promise<WorkResult<CuratedCommitment>> {
  const before = await requireLiveCommitment(tx, id);
  const wanted: CuratedCommitment = {
    ...before,
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    source: fields.source ? { ...fields.source, url: fields.source.url ?? null } : before.source,
  } as CuratedCommitment;
  if (content(wanted) === content(before)) return { changed: false, before, after: before, result: before };
  const snapshotBefore = await nodeSnapshot(tx, 'GdcCommitment', id);
  const linksBefore = await linksOfCommitment(tx, id);
  const props: Props = { ...stamp(actor) };
  for (const key of ['section', 'sectionTitle', 'summary', 'verified', 'confidence'] as const) {
    if (fields[key] !== undefined) props[key] = fields[key];
  }
  if (fields.source) Object.assign(props, sourceProps(fields.source));
  await run(tx, 'curation/commitment-set', { id, props });
  const source = fields.source ?? (before.source as CommitmentInput['source']);
  if (fields.objective !== undefined && fields.objective !== before.objective) {
    await run(tx, 'curation/commitment-set-objective', {
      id,
      objective: String(fields.objective),
      under: {
        status: 'endorsed',
        ...sourceProps(source),
        createdAt: actor.at,
        createdBy: actor.name,
        ...stamp(actor),
      },
    });
  }
  if (
    fields.sdgs !== undefined &&
    JSON.stringify([...fields.sdgs].sort((a, b) => a - b)) !== JSON.stringify(before.sdgs)
  ) {
    await run(tx, 'curation/commitment-set-sdgs', {
      id,
      sdgs: fields.sdgs.map(String),
      link: sdgLinkProps(wanted.verified, source, actor),
      at: actor.at,
      by: actor.name,
    });
  }
  const after = (await getCommitment(tx, id))!;
  const replay: ReplayRecord = {
    node: { family: 'GdcCommitment', id, before: snapshotBefore, after: await nodeSnapshot(tx, 'GdcCommitment', id) },
    links: changedLinks(linksBefore, await linksOfCommitment(tx, id)),
  };
  return { changed: true, before, after, result: after, replay };
}

/** The activities serving a commitment, as the change log records them. */
async function activitiesServing(tx: ManagedTransaction, id: string): Promise<ActivityView[]> {
  const views: ActivityView[] = [];
  for (const a of await run<{ id: string }>(tx, 'curation/commitment-activities', { id })) {
    views.push(viewOf((await getActivity(tx, a.id))!));
  }
  return views;
}

/** One activity.update record per activity whose served commitments a curation change altered. */
const activityDrafts = (pairs: { before: ActivityView; after: ActivityView }[], reason: string): ChangeDraft[] =>
  pairs.map((p) => ({
    action: 'activity.update',
    target: `activities/${p.after.id}`,
    before: p.before,
    after: p.after,
    reason,
  }));

interface StoredLink {
  type: string;
  from: string;
  to: string;
  props: Props;
}

/**
 * Retires a commitment: each of its live links (responsibilities, alignments, cited SDGs) is
 * retired and recorded as its own Change, then the node moves under its tombstone label. Nothing
 * is deleted. Retiring a retired commitment is a no-op.
 */
export async function retireCommitment(
  tx: ManagedTransaction,
  id: string,
  reason: string,
  actor: Actor,
): Promise<WorkResult<CuratedCommitment>> {
  const before = await getCommitment(tx, id);
  if (!before)
    throw notFound(`No GDC commitment ${id}.`, [{ path: 'path.id', message: `unknown GDC commitment ${id}` }]);
  if (before.status === 'retired') return { changed: false, before, after: before, result: before };
  const links = await linksOfCommitment(tx, id);
  const snapshotBefore = await nodeSnapshot(tx, 'GdcCommitment', id);
  const also: ChangeDraft[] = [];
  const rows = [];
  for (const link of links) {
    const next = retiredLinkState(link.props, actor);
    if (!next) continue;
    rows.push(linkRow(link.type, link.from, link.to, next));
    also.push({
      action: `${linkActionOf(link.type)}.retire`,
      target: linkPath(link.type, link.from, link.to),
      before: link.props,
      after: next,
      reason: `retired with GDC commitment ${id}: ${reason}`,
      replay: {
        links: [{ kind: link.type as LinkKind, from: link.from, to: link.to, before: link.props, after: next }],
      },
    });
  }
  await run(tx, 'curation/links-put', { rows });
  // Activities stop serving a retired commitment (their records keep that they did).
  const served = (await activitiesServing(tx, id)).map((before) => ({
    before,
    after: { ...before, commitments: before.commitments.filter((c) => c !== id) },
  }));
  await putActivities(
    tx,
    served.map((p) => ({ view: p.after, stamp: { updatedAt: actor.at, updatedBy: actor.name } })),
  );
  also.push(...activityDrafts(served, `GDC commitment ${id} retired: ${reason}`));
  await run(tx, 'curation/commitment-retire', {
    id,
    props: { retiredAt: actor.at, retiredBy: actor.name, retiredReason: reason, ...stamp(actor) },
  });
  const after = (await getCommitment(tx, id))!;
  const replay: ReplayRecord = {
    node: { family: 'GdcCommitment', id, before: snapshotBefore, after: await nodeSnapshot(tx, 'GdcCommitment', id) },
  };
  return { changed: true, before, after, also, result: after, replay };
}

/**
 * Gives a commitment the id of its corrected paragraph and letter. The node keeps its identity, so
 * every link moves with it; the old id becomes a tombstone naming the new one (answered with 301).
 * The change log records the old id retired (renumbered) and the new one created.
 */
export async function renumberCommitment(
  tx: ManagedTransaction,
  id: string,
  paragraph: number,
  letter: string | null,
  reason: string,
  actor: Actor,
): Promise<WorkResult<CuratedCommitment>> {
  const before = await requireLiveCommitment(tx, id);
  const newId = commitmentIdOf(paragraph, letter);
  if (newId === id) return { changed: false, before, after: before, result: before };
  await requireFreeId(tx, newId, 'body.paragraph');
  const links = await linksOfCommitment(tx, id);
  const snapshotBefore = await nodeSnapshot(tx, 'GdcCommitment', id);
  const servedBefore = await activitiesServing(tx, id);
  await run(tx, 'curation/commitment-renumber', {
    from: id,
    props: {
      id: newId,
      paragraph: neo4j.int(paragraph),
      letter,
      label: commitmentLabelOf(paragraph, letter),
      ...stamp(actor),
    },
    tombstone: {
      id,
      label: before.label,
      replacedBy: newId,
      retiredAt: actor.at,
      retiredBy: actor.name,
      retiredReason: `renumbered to ${newId}: ${reason}`,
      curatedAt: actor.at,
      curatedBy: actor.name,
    },
  });
  const after = (await getCommitment(tx, newId))!;
  const tombstone = (await getCommitment(tx, id))!;
  const also: ChangeDraft[] = links.map((link) => {
    const [from, to] = [link.from === id ? newId : link.from, link.to === id ? newId : link.to];
    return {
      action: `${linkActionOf(link.type)}.move`,
      target: linkPath(link.type, from, to),
      before: { path: linkPath(link.type, link.from, link.to), ...link.props },
      after: { path: linkPath(link.type, from, to), ...link.props },
      reason: `GDC commitment ${id} renumbered to ${newId}: ${reason}`,
      replay: {
        links: [
          { kind: link.type as LinkKind, from: link.from, to: link.to, before: link.props, after: null },
          { kind: link.type as LinkKind, from, to, before: null, after: link.props },
        ],
      },
    };
  });
  // The activities serving it keep serving the same node, which they now show under the new id.
  const servedAfter = await activitiesServing(tx, newId);
  also.push(
    ...activityDrafts(
      servedBefore.map((before) => ({ before, after: servedAfter.find((a) => a.id === before.id)! })),
      `GDC commitment ${id} renumbered to ${newId}: ${reason}`,
    ),
  );
  also.push({
    action: 'commitment.renumbered',
    target: `gdc/commitments/${newId}`,
    before: null,
    after,
    reason,
    replay: {
      node: { family: 'GdcCommitment', id: newId, before: null, after: await nodeSnapshot(tx, 'GdcCommitment', newId) },
    },
  });
  // The node keeps its identity (and every link, activities' included); the replay renames it back.
  const replay: ReplayRecord = {
    rename: { family: 'GdcCommitment', from: id, to: newId },
    node: { family: 'GdcCommitment', id, before: snapshotBefore, after: await nodeSnapshot(tx, 'GdcCommitment', id) },
  };
  return { changed: true, before, after: tombstone, also, result: after, replay };
}
