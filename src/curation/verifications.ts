import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { run } from '../db/db.js';
import { nodeSnapshot } from '../db/time-travel.js';
import type { WorkResult } from '../db/recorded-write.js';
import { type ElementKey, elementPath, type Props, parseElementPath } from '../domain/curation.js';
import { cypherKey } from '../domain/links.js';
import type { ReplayRecord } from '../domain/time-travel.js';
import { badRequest, notFound } from '../lib/problems.js';
import type { verificationCreateSchema, verificationSchema } from '../schemas/curation.js';
import type { Actor } from './commitments.js';

/**
 * The verification trail (editor role). Each check is a (:Verification) node naming its element by
 * path: nodes rather than a list on the element, because Neo4j properties cannot hold maps, links
 * cannot point at other nodes, and a separate node keeps the whole trail (revoked checks included)
 * queryable and untouched by re-seeds. The element carries `verified` (true while at least one
 * check stands) with verifiedAt/verifiedBy for fast reads, and `curatedAt`, so a re-seed leaves it.
 */

export type Verification = z.infer<typeof verificationSchema>;
export type VerificationInput = z.infer<typeof verificationCreateSchema>;

export function verificationOf(v: Props): Verification {
  const s = (k: string) => (v[k] as string | undefined) ?? null;
  return {
    id: v.id as string,
    target: v.target as string,
    at: v.at as string,
    by: v.by as string,
    document: v.document as string,
    locator: v.locator as string,
    url: s('url'),
    note: s('note'),
    revokedAt: s('revokedAt'),
    revokedBy: s('revokedBy'),
    revokeReason: s('revokeReason'),
  };
}

/** What the change log records of an element: its verification and confidence flags. */
const elementState = (props: Props) => ({
  verified: props.verified === true,
  confidence: (props.confidence as string) ?? null,
  membershipConfidence: (props.membershipConfidence as string) ?? undefined,
  verifiedAt: (props.verifiedAt as string) ?? null,
  verifiedBy: (props.verifiedBy as string) ?? null,
});

/** The element's properties, or undefined when it is not live. */
async function elementProps(tx: ManagedTransaction, key: ElementKey): Promise<Props | undefined> {
  const [row] =
    key.to === null
      ? await run<{ props: Props }>(tx, 'curation/node-props', { label: key.type, id: key.from })
      : await run<{ props: Props }>(
          tx,
          'curation/link-props',
          cypherKey({ kind: key.type, from: key.from, to: key.to }),
        );
  return row?.props;
}

async function setElement(tx: ManagedTransaction, key: ElementKey, props: Props): Promise<void> {
  if (key.to === null) await run(tx, 'curation/node-set', { label: key.type, id: key.from, props });
  else await run(tx, 'curation/link-set', { ...cypherKey({ kind: key.type, from: key.from, to: key.to }), props });
}

async function requireElement(tx: ManagedTransaction, key: ElementKey, path: string): Promise<Props> {
  const props = await elementProps(tx, key);
  if (!props)
    throw notFound(`Nothing to verify at ${path}.`, [{ path: 'body.target', message: `no live element ${path}` }]);
  return props;
}

/** The element exactly as stored, for the replay record (a node's snapshot, a link's properties). */
async function exactState(tx: ManagedTransaction, key: ElementKey) {
  return key.to === null ? nodeSnapshot(tx, key.type, key.from) : ((await elementProps(tx, key)) ?? null);
}

/** The replay record of a change to an element's flags: its exact state before and after. */
function elementReplay(key: ElementKey, before: unknown, after: unknown): ReplayRecord {
  if (key.to === null) {
    return { node: { family: key.type, id: key.from, before: before as never, after: after as never } };
  }
  return {
    links: [
      { kind: key.type, from: key.from, to: key.to, before: before as Props | null, after: after as Props | null },
    ],
  };
}

/** Parses a target path, 400 naming the field when it is not a verifiable element. */
export function elementOf(target: string): { key: ElementKey; path: string } {
  const key = parseElementPath(target);
  if (!key)
    throw badRequest(`${target} is not a verifiable element.`, [
      { path: 'body.target', message: 'must be a commitment, entity or roadmap link path, e.g. gdc/commitments/11a' },
    ]);
  return { key, path: elementPath(key) };
}

/**
 * Records a check of an element and marks it verified. The Change is written on the element's own
 * path (so its history and the quality history see it), with the verification in `after`.
 */
export async function verify(
  tx: ManagedTransaction,
  input: VerificationInput,
  actor: Actor,
): Promise<WorkResult<Verification>> {
  const { key, path } = elementOf(input.target);
  const before = await requireElement(tx, key, path);
  const exactBefore = await exactState(tx, key);
  const [row] = await run<{ verification: Props }>(tx, 'curation/verification-create', {
    props: {
      id: randomUUID(),
      target: path,
      at: actor.at,
      by: actor.name,
      document: input.document,
      locator: input.locator,
      url: input.url ?? null,
      note: input.note ?? null,
    },
  });
  const props: Props = {
    verified: true,
    verifiedAt: actor.at,
    verifiedBy: actor.name,
    curatedAt: actor.at,
    curatedBy: actor.name,
  };
  if (input.confidence && key.type !== 'Entity') props.confidence = input.confidence;
  await setElement(tx, key, props);
  const verification = verificationOf(row!.verification);
  const after = await requireElement(tx, key, path);
  return {
    changed: true,
    before: stateOf(key, before),
    after: { ...stateOf(key, after), verification },
    result: verification,
    replay: elementReplay(key, exactBefore, await exactState(tx, key)),
  };
}

/** The element as its Change records it: its ids and flags (a link also its status). */
const stateOf = (key: ElementKey, props: Props) => ({
  id: key.from,
  ...(key.to ? { to: key.to, status: props.status ?? null } : {}),
  ...elementState(props),
});

/**
 * Revokes a check (kept in the trail with who, when and why). The element stays verified while
 * another check stands; otherwise `verified` goes back to false. Revoking twice is a no-op.
 */
export async function revoke(
  tx: ManagedTransaction,
  id: string,
  reason: string,
  actor: Actor,
): Promise<WorkResult<Verification>> {
  const [row] = await run<{ verification: Props }>(tx, 'curation/verification-get', { id });
  if (!row) throw notFound(`No verification ${id}.`, [{ path: 'path.id', message: `unknown verification ${id}` }]);
  const current = verificationOf(row.verification);
  if (current.revokedAt) return { changed: false, before: current, after: current, result: current };
  const [revoked] = await run<{ verification: Props }>(tx, 'curation/verification-revoke', {
    id,
    props: { revokedAt: actor.at, revokedBy: actor.name, revokeReason: reason },
  });
  const verification = verificationOf(revoked!.verification);
  const key = parseElementPath(current.target)!;
  const foundProps = await elementProps(tx, key);
  const found = foundProps && { props: foundProps };
  if (!found) {
    // The element was retired or merged since: the check is revoked, there is no flag to lower.
    return { changed: true, before: current, after: verification, result: verification };
  }
  const [{ active } = { active: 0 }] = await run<{ active: number }>(tx, 'curation/verification-active', {
    target: current.target,
  });
  const exactBefore = await exactState(tx, key);
  const props: Props = { curatedAt: actor.at, curatedBy: actor.name };
  if (Number(active) === 0) Object.assign(props, { verified: false, verifiedAt: null, verifiedBy: null });
  await setElement(tx, key, props);
  const after = { props: (await elementProps(tx, key))! };
  return {
    changed: true,
    before: current,
    after: verification,
    // The element's own history (and the quality history) see the revocation on its path.
    also: [
      {
        action: 'verification.revoke',
        target: current.target,
        before: stateOf(key, found.props),
        after: stateOf(key, after!.props),
        reason,
        replay: elementReplay(key, exactBefore, await exactState(tx, key)),
      },
    ],
    result: verification,
  };
}
