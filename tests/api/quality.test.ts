import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editingFixture, type EditingFixture } from '../helpers/editing.js';
import { allRefLines, entityName, expectedLinkTotal, numberedCommitments, refUngis } from '../helpers/reference.js';

/**
 * GET /v1/quality against counts computed here from the reference sources (seed/sources/), never
 * from the seed files or the API: commitments by their transcription confidence and cited SDGs,
 * entities by their UNGIS membership evidence, leads from the action-line facilitator lists.
 */

// Commitments: `verified` only where the reference rates the transcription high.
const byParagraph = numberedCommitments.map((c) => c.id).sort();
const unverifiedCommitments = numberedCommitments.filter((c) => c.confidence !== 'high').map((c) => c.id);
const lowCommitments = numberedCommitments.filter((c) => c.confidence === 'low').map((c) => c.id);
const withoutSdgs = numberedCommitments.filter((c) => c.sdgs.length === 0).map((c) => c.id);

// Entities: UNGIS members and candidates with their membership confidence; an organisation named only
// as a facilitator (APC) has no membership evidence at all.
const membership = new Map<string, string>(
  [...refUngis.members, ...refUngis.candidates_unverified].map((m) => [m.acronym, m.membership_confidence]),
);
for (const line of allRefLines)
  for (const name of [...line.facilitators.lead, ...line.facilitators.co].map(entityName))
    if (!membership.has(name)) membership.set(name, 'unverified');
const entityIds = [...membership.keys()].sort();
const unverifiedEntities = entityIds.filter((id) => membership.get(id) !== 'high');
const lowEntities = entityIds.filter((id) => ['low', 'unverified'].includes(membership.get(id)!));
const leading = new Map<string, string[]>();
for (const line of allRefLines)
  for (const lead of line.facilitators.lead.map(entityName))
    if (membership.get(lead) !== 'high') leading.set(lead, [...(leading.get(lead) ?? []), line.id].sort());

const sorted = (l: string[]) => [...l].sort();

describe('GET /v1/quality', () => {
  let f: EditingFixture;
  beforeAll(async () => {
    f = await editingFixture();
  });
  afterAll(async () => f.close());

  const quality = async () => {
    const response = await f.app.inject({ method: 'GET', url: '/v1/quality' });
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toMatch(/^"r\d+-/);
    return response.json().data;
  };

  it('counts and lists what the reference sources leave unverified or weak', async () => {
    const q = await quality();
    expect(q.commitments).toMatchObject({
      total: byParagraph.length,
      unverified: unverifiedCommitments.length,
      lowConfidence: lowCommitments.length,
      withoutParagraph: 0,
      withoutSdgs: withoutSdgs.length,
      retired: 0,
    });
    expect(sorted(q.commitments.lists.unverified)).toEqual(sorted(unverifiedCommitments));
    expect(sorted(q.commitments.lists.lowConfidence)).toEqual(sorted(lowCommitments));
    expect(sorted(q.commitments.lists.withoutSdgs)).toEqual(sorted(withoutSdgs));
    expect(q.entities).toMatchObject({
      total: entityIds.length,
      unverified: unverifiedEntities.length,
      lowConfidence: lowEntities.length,
    });
    expect(q.entities.lists.unverified).toEqual(unverifiedEntities);
    expect(q.entities.lists.lowConfidence).toEqual(lowEntities);
    // WMO and FAO lead action lines while their UNGIS membership is unverified.
    expect(q.entities.lists.unverifiedLeading).toEqual(
      [...leading].sort(([a], [b]) => a.localeCompare(b)).map(([id, leads]) => ({ id, leads })),
    );
    expect([...leading.keys()].sort()).toEqual(['FAO', 'WMO']);

    // Links: every roadmap link of the sources, none verified after a seed; the low-confidence ones
    // are counted from the graph (the seed derives link confidence from several fields).
    expect(q.links.total).toBe(expectedLinkTotal);
    const { records } = await f.driver.executeQuery(
      'MATCH ()-[r:FACILITATES|RESPONSIBLE_FOR|ALIGNS_WITH|SUPPORTS|CONTRIBUTES_TO]->() WHERE r.status <> "retired" ' +
        'RETURN count(r) AS total, count(CASE WHEN r.confidence = "low" THEN 1 END) AS low',
    );
    expect(q.links).toMatchObject({
      total: records[0]!.get('total'),
      unverified: records[0]!.get('total'),
      lowConfidence: records[0]!.get('low'),
    });
    // No curation since the seed load: the history is today and the seed load, with the same counts.
    const seedLoad = await f.driver.executeQuery("MATCH (c:Change {action: 'seed.load'}) RETURN max(c.revision) AS r");
    const seedRevision = Number(seedLoad.records[0]!.get('r'));
    expect(q.history[0].revision).toBe(q.revision);
    expect(q.history.at(-1).revision).toBe(seedRevision);
    expect(q.history).toHaveLength(q.revision === seedRevision ? 1 : 2);
    for (const point of q.history) {
      expect(point.commitments).toEqual({
        total: byParagraph.length,
        unverified: unverifiedCommitments.length,
        lowConfidence: lowCommitments.length,
      });
      expect(point.entities).toEqual({
        total: entityIds.length,
        unverified: unverifiedEntities.length,
        lowConfidence: lowEntities.length,
      });
    }
  });

  it('moves with curation, and the history shows each step back to the seed load', async () => {
    const start = await quality();
    const target = unverifiedCommitments[0]!;
    const verified = await f.app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: f.as('editor'),
      payload: { target: `gdc/commitments/${target}`, document: 'A/RES/79/1', locator: 'para', confidence: 'high' },
    });
    expect(verified.statusCode).toBe(201);
    const wmo = await f.app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: f.as('editor'),
      payload: { target: 'entities/WMO', document: 'UNGIS members list', locator: 'WMO' },
    });
    expect(wmo.statusCode).toBe(201);
    const retired = await f.app.inject({
      method: 'POST',
      url: `/v1/gdc/commitments/${lowCommitments.at(-1)}/retire`,
      headers: f.as('admin'),
      payload: { reason: 'Not in the adopted text' },
    });
    expect(retired.statusCode).toBe(200);

    const q = await quality();
    const wasLow = lowCommitments.includes(target) ? 1 : 0;
    expect(q.commitments).toMatchObject({
      total: start.commitments.total - 1,
      unverified: start.commitments.unverified - 2,
      lowConfidence: start.commitments.lowConfidence - 1 - wasLow,
      retired: 1,
    });
    expect(q.entities.unverified).toBe(start.entities.unverified - 1);
    expect(q.entities.lists.unverifiedLeading.map((e: { id: string }) => e.id)).toEqual(['FAO']);
    expect(q.history.map((p: { revision: number }) => p.revision)).toEqual([
      start.revision + 3,
      start.revision + 2,
      start.revision + 1,
      start.history.at(-1).revision,
    ]);
    expect(q.history.at(-1)).toMatchObject({
      commitments: start.history[0].commitments,
      entities: start.history[0].entities,
    });
    expect(q.history[1].commitments).toEqual({
      total: start.commitments.total,
      unverified: start.commitments.unverified - 1,
      lowConfidence: start.commitments.lowConfidence - wasLow,
    });
    expect(q.history[1].entities.unverified).toBe(start.entities.unverified - 1);
  });

  it('answers CSV through the one CSV writer: one line per listed item', async () => {
    const q = await quality();
    const response = await f.app.inject({ method: 'GET', url: '/v1/quality', headers: { accept: 'text/csv' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toBe('kind,issue,id,detail');
    const listed =
      Object.values(q.commitments.lists as Record<string, string[]>).flat().length +
      q.entities.lists.unverified.length +
      q.entities.lists.lowConfidence.length +
      q.entities.lists.unverifiedLeading.length +
      q.links.lists.unverified.length +
      q.links.lists.lowConfidence.length;
    expect(lines).toHaveLength(listed + 1);
    expect(lines).toContain('entity,unverified-leading,FAO,leads C7.e-agriculture');
  });
});
