import type { ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { run } from '../db/db.js';
import { roadmapLinkTypes } from '../domain/links.js';
import { type LoggedChange, qualityHistory } from '../domain/quality.js';
import type { qualitySchema } from '../schemas/curation.js';

/** The data-quality view (GET /v1/quality): cypher/curation/quality.cypher plus the history from the change log. */

export type Quality = z.infer<typeof qualitySchema>;

interface LinkRef {
  type: string;
  from: string;
  to: string;
  confidence: string | null;
}
interface QualityRow {
  commitmentCount: number;
  unverifiedCommitments: string[];
  lowConfidenceCommitments: string[];
  commitmentsWithoutParagraph: string[];
  commitmentsWithoutSdgs: string[];
  retiredCommitments: number;
  entityCount: number;
  unverifiedEntities: string[];
  lowConfidenceEntities: string[];
  unverifiedEntitiesLeading: { id: string; leads: string[] }[];
  retiredEntities: number;
  linkCount: number;
  unverifiedLinks: LinkRef[];
  lowConfidenceLinks: LinkRef[];
}

/** `revision`: the one the consistent read proved the data belongs to (it names the ETag too). */
export async function readQuality(tx: ManagedTransaction, revision: number): Promise<Quality> {
  const [q] = await run<QualityRow & Record<string, unknown>>(tx, 'curation/quality', {
    types: roadmapLinkTypes,
  });
  const [log] = await run<{ since: number; changes: LoggedChange[] }>(tx, 'curation/quality-changes');
  const commitments = {
    total: Number(q!.commitmentCount),
    unverified: q!.unverifiedCommitments.length,
    lowConfidence: q!.lowConfidenceCommitments.length,
  };
  const entities = {
    total: Number(q!.entityCount),
    unverified: q!.unverifiedEntities.length,
    lowConfidence: q!.lowConfidenceEntities.length,
  };
  return {
    revision,
    commitments: {
      ...commitments,
      withoutParagraph: q!.commitmentsWithoutParagraph.length,
      withoutSdgs: q!.commitmentsWithoutSdgs.length,
      retired: Number(q!.retiredCommitments),
      lists: {
        unverified: q!.unverifiedCommitments,
        lowConfidence: q!.lowConfidenceCommitments,
        withoutParagraph: q!.commitmentsWithoutParagraph,
        withoutSdgs: q!.commitmentsWithoutSdgs,
      },
    },
    entities: {
      ...entities,
      unverifiedLeading: q!.unverifiedEntitiesLeading.length,
      retired: Number(q!.retiredEntities),
      lists: {
        unverified: q!.unverifiedEntities,
        lowConfidence: q!.lowConfidenceEntities,
        unverifiedLeading: q!.unverifiedEntitiesLeading,
      },
    },
    links: {
      total: Number(q!.linkCount),
      unverified: q!.unverifiedLinks.length,
      lowConfidence: q!.lowConfidenceLinks.length,
      lists: { unverified: q!.unverifiedLinks, lowConfidence: q!.lowConfidenceLinks },
    },
    history: qualityHistory(
      { revision, commitments, entities },
      log!.changes.map((c) => ({ ...c, revision: Number(c.revision) })),
      Number(log!.since),
    ),
  };
}

/** CSV rows of the quality view: one line per listed item (kind, issue, id, detail), then the counts. */
export function* qualityCsvRows(q: Quality): Generator<Record<string, unknown>> {
  const items = (kind: string, issue: string, ids: string[]) => ids.map((id) => ({ kind, issue, id, detail: '' }));
  yield* items('commitment', 'unverified', q.commitments.lists.unverified);
  yield* items('commitment', 'low-confidence', q.commitments.lists.lowConfidence);
  yield* items('commitment', 'without-paragraph', q.commitments.lists.withoutParagraph);
  yield* items('commitment', 'without-sdgs', q.commitments.lists.withoutSdgs);
  yield* items('entity', 'unverified', q.entities.lists.unverified);
  yield* items('entity', 'low-confidence', q.entities.lists.lowConfidence);
  for (const e of q.entities.lists.unverifiedLeading)
    yield { kind: 'entity', issue: 'unverified-leading', id: e.id, detail: `leads ${e.leads.join(' ')}` };
  for (const [issue, links] of [
    ['unverified', q.links.lists.unverified],
    ['low-confidence', q.links.lists.lowConfidence],
  ] as const) {
    for (const l of links)
      yield {
        kind: 'link',
        issue,
        id: `${l.type}|${l.from}|${l.to}`,
        detail: l.confidence ? `confidence ${l.confidence}` : '',
      };
  }
}
