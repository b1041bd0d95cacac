import type { ManagedTransaction } from 'neo4j-driver';
import { currentLeads, deleteLinks, getLinks, missingNodes, type NodeRef, upsertLinks } from '../db/link-repository.js';
import type { ChangeDraft, WorkResult } from '../db/recorded-write.js';
import { badRequest, conflict, notFound } from '../lib/problems.js';
import { isActiveLead, type LinkChange, type LinkState, mergeLink, sameContent, stamped } from './link-state.js';
import { keyString, type LinkKey, linkKindSpec, linkTarget } from './links.js';
import { nodeKinds } from './nodes.js';

/**
 * The rules of a single-link PUT or DELETE, run inside the write path's transaction:
 * both ends must exist (404 naming each unknown id); a new link needs a source (400); one lead per
 * `to` node for kinds with that rule (409 naming the current lead, unless replaceLead demotes it to
 * co in the same transaction); a PUT that changes nothing is a no-op (no revision, no Change).
 */

/** Where each end's id came from, for the 404's errors[] (e.g. "path.entityId"). */
export interface EndPaths {
  from: string;
  to: string;
}

/** 404 naming every end of the link that does not exist. */
export async function requireEnds(tx: ManagedTransaction, key: LinkKey, paths: EndPaths): Promise<void> {
  const spec = linkKindSpec(key.kind);
  const fromEnd = { label: spec.from, id: key.from, path: paths.from };
  const toEnd = { label: spec.to, id: key.to, path: paths.to };
  // The resource's owner first, as the URL reads.
  const ends = spec.resource?.owner === 'to' ? [toEnd, fromEnd] : [fromEnd, toEnd];
  const missing = await missingNodes(
    tx,
    ends.map((e): NodeRef => ({ label: e.label, id: e.id })),
  );
  const errors = ends
    .filter((e) => missing.some((m) => m.label === e.label && m.id === e.id))
    .map((e) => ({ path: e.path, message: `unknown ${nodeKinds[e.label].name} ${e.id}` }));
  if (errors.length)
    throw notFound(`No ${errors.map((m) => m.message.replace(/^unknown /, '')).join(', no ')}.`, errors);
}

export interface PutLinkResult {
  link: LinkState;
  created: boolean;
}

export type PutLinkChange = LinkChange & { replaceLead?: boolean | undefined };

export async function putLinkWork(
  tx: ManagedTransaction,
  key: LinkKey,
  paths: EndPaths,
  change: PutLinkChange,
  actor: string,
): Promise<WorkResult<PutLinkResult>> {
  await requireEnds(tx, key, paths);
  const current = (await getLinks(tx, [key])).get(keyString(key));
  const next = mergeLink(key, current, change);
  if (!next.source) {
    throw badRequest('A new link needs its source: {document, locator, url}.', [
      { path: 'body.source', message: 'required when the link is new' },
    ]);
  }

  const demotions: { key: LinkKey; before: LinkState; after: LinkState }[] = [];
  if (isActiveLead(key, next)) {
    const others = ((await currentLeads(tx, key.kind, [key.to])).get(key.to) ?? []).filter((e) => e !== key.from);
    if (others.length > 0 && !change.replaceLead) {
      throw conflict(
        `${nodeKinds[linkKindSpec(key.kind).to].name.replace(/^./, (c) => c.toUpperCase())} ${key.to} already has a lead: ${others.join(', ')}. Send "replaceLead": true to make ${key.from} the lead and demote ${others.join(', ')} to co.`,
        {
          currentLead: others[0],
          errors: [{ path: 'body.role', message: `${key.to} is led by ${others.join(', ')}` }],
        },
      );
    }
    const otherKeys = others.map((from): LinkKey => ({ kind: key.kind, from, to: key.to }));
    const otherStates = await getLinks(tx, otherKeys);
    for (const k of otherKeys) {
      const before = otherStates.get(keyString(k))!;
      demotions.push({ key: k, before, after: mergeLink(k, before, { role: 'co' }) });
    }
  }

  if (demotions.length === 0 && sameContent(current, next)) {
    return { changed: false, before: current, after: current, result: { link: current!, created: false } };
  }
  const at = new Date().toISOString();
  const demoted = demotions.map((d) => ({ ...d, after: stamped(d.after, true, actor, at) }));
  const link = stamped(next, current !== undefined, actor, at);
  await upsertLinks(tx, [...demoted.map((d) => ({ key: d.key, state: d.after })), { key, state: link }]);
  const also: ChangeDraft[] = demoted.map((d) => ({
    action: `${linkKindSpec(key.kind).action}.demote`,
    target: linkTarget(d.key),
    before: d.before,
    after: d.after,
    reason: `replaced as lead of ${key.to} by ${key.from}`,
  }));
  return {
    changed: true,
    before: current ?? null,
    after: link,
    also,
    result: { link, created: current === undefined },
  };
}

export async function deleteLinkWork(
  tx: ManagedTransaction,
  key: LinkKey,
  paths: EndPaths,
): Promise<WorkResult<LinkState>> {
  await requireEnds(tx, key, paths);
  const current = (await getLinks(tx, [key])).get(keyString(key));
  if (!current) {
    throw notFound(`There is no ${linkKindSpec(key.kind).type} link from ${key.from} to ${key.to}.`, [
      { path: 'path', message: `no link ${linkTarget(key)}` },
    ]);
  }
  await deleteLinks(tx, [key]);
  return { changed: true, before: current, after: null, result: current };
}
