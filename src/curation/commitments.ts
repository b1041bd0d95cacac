import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { run } from '../db/db.js';
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
  return { changed: true, before: null, after, result: after };
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
  return { changed: true, before, after, result: after };
}

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
  const links = await run<StoredLink>(tx, 'curation/commitment-links', { id });
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
    });
  }
  await run(tx, 'curation/links-put', { rows });
  await run(tx, 'curation/commitment-retire', {
    id,
    props: { retiredAt: actor.at, retiredBy: actor.name, retiredReason: reason, ...stamp(actor) },
  });
  const after = (await getCommitment(tx, id))!;
  return { changed: true, before, after, also, result: after };
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
  const links = await run<StoredLink>(tx, 'curation/commitment-links', { id });
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
    };
  });
  also.push({ action: 'commitment.renumbered', target: `gdc/commitments/${newId}`, before: null, after, reason });
  return { changed: true, before, after: tombstone, also, result: after };
}
