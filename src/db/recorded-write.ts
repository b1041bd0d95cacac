import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Db } from './db.js';
import { WriteIntentLost } from './errors.js';
import { run } from './db.js';
import { representationEtag, revisionOfEtag } from '../domain/etag.js';
import { preconditionFailed } from '../lib/problems.js';
import type { Principal } from '../lib/roles.js';
import type { StoredChangeRow } from '../lib/change-stream.js';
import type { ReplayRecord } from '../domain/time-travel.js';

/**
 * The one write path of the API. Every write:
 *  0. announces itself on the GraphRevision node in a small transaction of its own, and clears
 *     that announcement after step 4 in another, not awaited (readers' consistency, src/db/consistency.ts);
 *  1. opens ONE write transaction and takes the write lock on the GraphRevision node first, so
 *     writers run one at a time;
 *  2. reads the revision (now the committed one) and checks If-Match against it (412 otherwise);
 *  3. runs the route's `work(tx)`, which reports what it changed (`before`/`after`, `changed`);
 *  4. when something changed, advances the graph revision and appends the Change record(s) in the
 *     same transaction: no change without its record, no record without its change.
 * An idempotent no-op (`changed: false`) writes nothing and leaves the revision where it was.
 */

/** One entry of the audit trail as a route describes it. */
export interface ChangeDraft {
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  reason?: string | null;
  /** The exact states time travel needs to undo it, where before/after are views (curation writes). */
  replay?: ReplayRecord | undefined;
}

export interface WriteSpec {
  /** e.g. "facilitator.put"; see the change log section of the README. */
  action: string;
  /** The resource written, as a path below /v1, e.g. "action-lines/C2/facilitators/ITU". */
  target: string;
  /** The request's If-Match header, if any. */
  ifMatch?: string | undefined;
  reason?: string | null | undefined;
}

export interface WorkResult<T> {
  changed: boolean;
  before: unknown;
  after: unknown;
  result: T;
  /** Further changes made by the same write (a demoted lead, the rows of an import), recorded first. */
  also?: ChangeDraft[];
  /** The main record's replay record (see ChangeDraft). */
  replay?: ReplayRecord | undefined;
}

export interface WriteOutcome<T> {
  result: T;
  changed: boolean;
  /** The graph revision after the write (unchanged for a no-op). */
  revision: number;
  etag: string;
  changeIds: string[];
}

/** Stored shape of a Change (before/after as JSON strings, since Neo4j properties cannot be maps). */
type StoredChange = StoredChangeRow & { seq: number; replay: string | null };

/**
 * RFC 9110 If-Match against the graph revision: `*` always matches, otherwise one of the listed
 * strong tags must carry the current revision ("r42", as item reads and writes send it).
 */
export function checkIfMatch(header: string | undefined, revision: number): void {
  if (header === undefined || header.trim() === '') return;
  if (header.trim() === '*') return;
  const matches = header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => !tag.startsWith('W/') && revisionOfEtag(tag) === revision);
  if (!matches) {
    const current = representationEtag(revision);
    throw preconditionFailed(
      `If-Match ${header} does not match the current revision ${current}: the roadmap changed since you read it. Re-read and retry.`,
      current,
    );
  }
}

const toJson = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

/** The write path, without HTTP: routes reach it through the write-path plugin (reply.recordedWrite), the key:create CLI directly. */
export async function writeRecorded<T>(
  db: Db,
  actor: Pick<Principal, 'name' | 'role'>,
  spec: WriteSpec,
  work: (tx: ManagedTransaction, revision: number) => Promise<WorkResult<T>>,
): Promise<WriteOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    // Phase 1 (src/db/consistency.ts): announce the write, so readers stop trusting what they read.
    const entry = await db.intents.announce();
    try {
      return await applyRecorded(db, actor, spec, work, entry);
    } catch (error) {
      // The announcement was dropped as stale before phase 2 got the lock: nothing was changed,
      // so the whole write may start over (a few times; then 503, the client retries).
      if (!(error instanceof WriteIntentLost) || attempt >= INTENT_ATTEMPTS) throw error;
    } finally {
      // Phase 3: whatever phase 2 did, readers may trust the store again. Not awaited: the write
      // committed or not already, and its answer need not queue for the revision lock once more
      // (see WriteIntents.settleSoon); an entry that cannot be cleared now is cleared later.
      db.intents.settleSoon(entry);
    }
  }
}

/** How often a write whose announcement went stale is started over before it answers 503. */
const INTENT_ATTEMPTS = 3;

/** Phase 2: the change itself, its revision and its audit record, in one transaction. */
function applyRecorded<T>(
  db: Db,
  actor: Pick<Principal, 'name' | 'role'>,
  spec: WriteSpec,
  work: (tx: ManagedTransaction, revision: number) => Promise<WorkResult<T>>,
  entry: string,
): Promise<WriteOutcome<T>> {
  // Everything below runs again if Neo4j retries the transaction (deadlock, leader switch), so
  // nothing is kept outside it.
  return db.write(async (tx) => {
    const [locked] = await run<{ revision: number; pending: string[] }>(tx, 'revision/lock');
    if (!locked?.pending.includes(entry)) throw new WriteIntentLost();
    const revision = locked.revision;
    checkIfMatch(spec.ifMatch, revision);

    const outcome = await work(tx, revision);
    if (!outcome.changed) {
      return { result: outcome.result, changed: false, revision, etag: representationEtag(revision), changeIds: [] };
    }
    const [advanced] = await run<{ revision: number }>(tx, 'revision/advance');
    const next = advanced!.revision;
    const at = new Date().toISOString();
    const drafts: ChangeDraft[] = [
      ...(outcome.also ?? []),
      {
        action: spec.action,
        target: spec.target,
        before: outcome.before,
        after: outcome.after,
        reason: spec.reason ?? null,
        replay: outcome.replay,
      },
    ];
    const changes: StoredChange[] = drafts.map((d, seq) => ({
      id: randomUUID(),
      at,
      actor: actor.name,
      role: actor.role,
      action: d.action,
      target: d.target,
      before: toJson(d.before),
      after: toJson(d.after),
      reason: d.reason ?? spec.reason ?? null,
      revision: next,
      seq,
      replay: toJson(d.replay),
    }));
    await run(tx, 'changes/create', { changes });
    return {
      result: outcome.result,
      changed: true,
      revision: next,
      etag: representationEtag(next),
      changeIds: changes.map((c) => c.id),
    };
  });
}
