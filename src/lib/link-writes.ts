import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ManagedTransaction } from 'neo4j-driver';
import {
  currentLeads,
  deleteLinks,
  existingNodes,
  getLinks,
  isActiveLead,
  keyString,
  linkActionName,
  linkTarget,
  mergeLink,
  sameContent,
  typeOfKind,
  upsertLinks,
  type LinkChange,
  type LinkKey,
  type LinkState,
  type NodeIds,
} from '../db/links.js';
import { recordedWrite, type ChangeDraft } from '../db/recorded-write.js';
import { badRequest, conflict, notFound, type FieldError } from './problems.js';

/**
 * PUT and DELETE of one roadmap link (assignments and mappings), through the one write path.
 * Rules: both ends must exist (404 naming each unknown id); a new link needs a source (400);
 * one lead per action line (409 naming the current lead, unless replaceLead demotes it to co in
 * the same transaction); a PUT that changes nothing is a no-op (no revision, no Change).
 */

export interface EndPoint {
  label: keyof NodeIds;
  id: string;
  /** Where the id came from, for the 404's errors[]: e.g. "path.entityId". */
  path: string;
}

const labelName: Record<keyof NodeIds, string> = {
  entities: 'entity',
  actionLines: 'action line',
  commitments: 'GDC commitment',
  targets: 'SDG target',
  goals: 'SDG',
};

/** 404 naming every id that does not exist. */
export async function requireNodes(tx: ManagedTransaction, ends: EndPoint[]): Promise<void> {
  const ids: Partial<NodeIds> = {};
  for (const e of ends) (ids[e.label] ??= []).push(e.id);
  const found = await existingNodes(tx, ids);
  const missing: FieldError[] = ends
    .filter((e) => !found[e.label].has(e.id))
    .map((e) => ({ path: e.path, message: `unknown ${labelName[e.label]} ${e.id}` }));
  if (missing.length)
    throw notFound(`No ${missing.map((m) => m.message.replace(/^unknown /, '')).join(', no ')}.`, missing);
}

export interface PutLinkResult {
  link: LinkState;
  created: boolean;
}

export async function putLink(
  request: FastifyRequest,
  reply: FastifyReply,
  key: LinkKey,
  ends: EndPoint[],
  change: LinkChange & { reason?: string | undefined; replaceLead?: boolean | undefined },
) {
  const actor = request.principal?.name ?? 'unknown';
  return recordedWrite(
    request,
    reply,
    { action: `${linkActionName[key.kind]}.put`, target: linkTarget(key), reason: change.reason },
    async (tx) => {
      await requireNodes(tx, ends);
      const current = (await getLinks(tx, [key])).get(keyString(key));
      const next = mergeLink(key, current, change);
      if (!next.source) {
        throw badRequest('A new link needs its source: {document, locator, url}.', [
          { path: 'body.source', message: 'required when the link is new' },
        ]);
      }

      // One lead per action line.
      const demotions: { key: LinkKey; next: LinkState; existed: boolean; before: LinkState }[] = [];
      if (key.kind === 'FACILITATES' && isActiveLead(next)) {
        const others = ((await currentLeads(tx, [key.to])).get(key.to) ?? []).filter((e) => e !== key.from);
        if (others.length > 0 && !change.replaceLead) {
          throw conflict(
            `Action line ${key.to} already has a lead: ${others.join(', ')}. Send "replaceLead": true to make ${key.from} the lead and demote ${others.join(', ')} to co.`,
            {
              currentLead: others[0],
              errors: [{ path: 'body.role', message: `${key.to} is led by ${others.join(', ')}` }],
            },
          );
        }
        const otherKeys = others.map((from): LinkKey => ({ kind: 'FACILITATES', from, to: key.to }));
        const otherStates = await getLinks(tx, otherKeys);
        for (const k of otherKeys) {
          const before = otherStates.get(keyString(k))!;
          demotions.push({ key: k, next: mergeLink(k, before, { role: 'co' }), existed: true, before });
        }
      }

      if (demotions.length === 0 && sameContent(current, next)) {
        return { changed: false, before: current, after: current, result: { link: current!, created: false } };
      }
      const at = new Date().toISOString();
      const written = await upsertLinks(tx, [...demotions, { key, next, existed: current !== undefined }], actor, at);
      const also: ChangeDraft[] = demotions.map((d, i) => ({
        action: 'facilitator.demote',
        target: linkTarget(d.key),
        before: d.before,
        after: written[i],
        reason: `replaced as lead of ${key.to} by ${key.from}`,
      }));
      const link = written[written.length - 1]!;
      return {
        changed: true,
        before: current ?? null,
        after: link,
        also,
        result: { link, created: current === undefined },
      };
    },
  );
}

export async function deleteLink(
  request: FastifyRequest,
  reply: FastifyReply,
  key: LinkKey,
  ends: EndPoint[],
  reason: string | undefined,
) {
  return recordedWrite(
    request,
    reply,
    { action: `${linkActionName[key.kind]}.delete`, target: linkTarget(key), reason },
    async (tx) => {
      await requireNodes(tx, ends);
      const current = (await getLinks(tx, [key])).get(keyString(key));
      if (!current) {
        throw notFound(`There is no ${typeOfKind(key.kind)} link from ${key.from} to ${key.to}.`, [
          { path: 'path', message: `no link ${linkTarget(key)}` },
        ]);
      }
      await deleteLinks(tx, [key]);
      return { changed: true, before: current, after: null, result: current };
    },
  );
}
