import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src/db/migrate.js';
import { defaultSeedDir, loadSeed, type SeedReport } from '../../src/seed/load.js';
import { SeedValidationError } from '../../src/seed/validate.js';
import { openTestDriver, resetDatabase } from '../helpers/neo4j.js';
import {
  alignedLinesBySection,
  allRefLines,
  entityName,
  numberedCommitments,
  partnerLines,
  refGdc,
  refGoals,
  refIndicators,
  refLines,
  refMatrix,
  refUngis,
} from '../helpers/reference.js';

// Expected values are computed from the reference data (seed/sources/), not from seed/, so a
// generator bug that also slipped into the seed files cannot make the test agree with itself.
const facilitatorNames = allRefLines.flatMap((l) => [...l.facilitators.lead, ...l.facilitators.co].map(entityName));
const ungisIds = new Set([...refUngis.members, ...refUngis.candidates_unverified].map((e) => e.acronym));
const refTargets = refGoals.flatMap((g) => g.targets);

const expectedNodes: Record<string, number> = {
  ActionLine: allRefLines.length,
  GdcObjective: 5,
  GdcCommitment: numberedCommitments.length,
  Sdg: refGoals.length,
  SdgTarget: refTargets.length,
  SdgIndicator: refIndicators.length,
  Entity: ungisIds.size + new Set(facilitatorNames.filter((n) => !ungisIds.has(n))).size,
};
const expectedRelationships: Record<string, number> = {
  PART_OF: allRefLines.length - refLines.length,
  UNDER: numberedCommitments.length,
  OF: refTargets.length,
  MEASURES: refIndicators.length,
  FACILITATES: facilitatorNames.length + partnerLines.length,
  RESPONSIBLE_FOR: 1, // the ITC action under 42(b), GDC-SOURCES.md
  ALIGNS_WITH: numberedCommitments.reduce((n, c) => n + (alignedLinesBySection[c.section]?.length ?? 0), 0),
  SUPPORTS: refMatrix.reduce(
    (n, l) => n + l.sdg_targets.length + l.goal_level_links.length + l.goal_cells_without_target_or_rationale.length,
    0,
  ),
  CONTRIBUTES_TO: numberedCommitments.reduce((n, c) => n + c.sdgs.length, 0),
};
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const roadmapLabels = Object.keys(expectedNodes);

let driver: Driver;

async function query<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const { records } = await driver.executeQuery(cypher, params);
  return records.map((r) => r.toObject() as T);
}
const num = (v: unknown) => (typeof v === 'number' ? v : Number((v as { toNumber?: () => number }).toNumber?.() ?? v));
async function count(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await query<{ n: unknown }>(cypher, params);
  return num(row!.n);
}
const revision = () => count("OPTIONAL MATCH (r:GraphRevision {id: 'graph'}) RETURN coalesce(r.value, 0) AS n");
const totalNodes = () => count('MATCH (n) RETURN count(n) AS n');

describe('loadSeed into Neo4j', () => {
  let first: SeedReport;

  beforeAll(async () => {
    driver = openTestDriver();
    await resetDatabase(driver);
    await runMigrations(driver);
    first = await loadSeed(driver);
  }, 120_000);

  afterAll(async () => {
    await driver?.close();
  });

  it('creates every node and link of the reference on an empty graph', async () => {
    expect(first.nodes).toEqual({ created: sum(expectedNodes), updated: 0, unchanged: 0, curated: 0 });
    expect(first.relationships).toEqual({ created: sum(expectedRelationships), updated: 0, unchanged: 0, curated: 0 });
    for (const [label, n] of Object.entries(expectedNodes)) {
      expect({ label, n: await count(`MATCH (x:${label}) RETURN count(x) AS n`) }).toEqual({ label, n });
    }
    for (const [type, n] of Object.entries(expectedRelationships)) {
      expect({ type, n: await count(`MATCH ()-[r:${type}]->() RETURN count(r) AS n`) }).toEqual({ type, n });
    }
    expect(await count("MATCH (i:SdgIndicator {status: 'obsolete'}) RETURN count(i) AS n")).toBe(
      refIndicators.filter((i) => i.status === 'obsolete').length,
    );
  });

  it('advances the revision once and records one audit Change', async () => {
    expect(first.revision).toBe(1);
    expect(await revision()).toBe(1);
    const changes = await query<{ c: { properties: Record<string, unknown> } }>('MATCH (c:Change) RETURN c');
    expect(changes).toHaveLength(1);
    const change = changes[0]!.c.properties;
    expect(change).toMatchObject({
      actor: 'seed',
      role: 'system',
      action: 'seed.load',
      target: 'graph',
      reason: 'npm run seed',
    });
    expect(num(change.revision)).toBe(1);
    expect(change.before ?? null).toBeNull();
    expect(Date.parse(change.at as string)).not.toBeNaN();
    expect(JSON.parse(change.after as string)).toEqual({ nodes: first.nodes, relationships: first.relationships });
  });

  it('holds the reference facts', async () => {
    const leadOf = async (line: string) =>
      (
        await query<{ id: string }>(
          "MATCH (e:Entity)-[:FACILITATES {role: 'lead'}]->(:ActionLine {id: $line}) RETURN e.id AS id",
          { line },
        )
      ).map((r) => r.id);
    const refLead = (id: string) => allRefLines.find((l) => l.id === id)!.facilitators.lead;
    expect(await leadOf('C2')).toEqual(refLead('C2'));
    expect(await leadOf('C2')).toEqual(['ITU']);
    expect(await leadOf('C7.e-health')).toEqual(refLead('C7.e-health'));
    expect(await leadOf('C7.e-health')).toEqual(['WHO']);
    expect(
      await count("MATCH (:ActionLine {id: 'C7.e-health'})-[:PART_OF]->(:ActionLine {id: 'C7'}) RETURN count(*) AS n"),
    ).toBe(1);

    const target5b = refTargets.find((t) => t.id === '5.b')!;
    const [t] = await query<{ title: string; uri: string; goal: string }>(
      "MATCH (t:SdgTarget {id: '5.b'})-[:OF]->(g:Sdg) RETURN t.title AS title, t.uri AS uri, g.id AS goal",
    );
    expect(t).toEqual({ title: target5b.title, uri: target5b.kos_uri, goal: '5' });
    expect(t!.uri).toBe('http://metadata.un.org/sdg/5.b');

    expect(refMatrix.find((l) => l.action_line === 'C2')!.sdg_targets).toContain('9.1');
    const [matrix] = await query<{ url: string; status: string; document: string }>(
      "MATCH (:ActionLine {id: 'C2'})-[r:SUPPORTS]->(:SdgTarget {id: '9.1'}) RETURN r.sourceUrl AS url, r.status AS status, r.sourceDocument AS document",
    );
    expect(matrix).toMatchObject({ url: 'https://www.itu.int/net4/wsis/sdg/', status: 'endorsed' });
    expect(matrix!.document).toContain('WSIS–SDG Matrix');

    const refSdgsOf11b = refGdc.commitments
      .find((c) => c.id === '11b')!
      .sdgs.map(String)
      .sort();
    const sdgsOf11b = await query<{ id: string }>(
      "MATCH (:GdcCommitment {id: '11b'})-[:CONTRIBUTES_TO]->(g:Sdg) RETURN g.id AS id ORDER BY g.id",
    );
    expect(sdgsOf11b.map((r) => r.id).sort()).toEqual(refSdgsOf11b);
    expect(refSdgsOf11b).toEqual(['1', '9']);

    const [c11b] = await query<{ c: { properties: Record<string, unknown> } }>(
      "MATCH (c:GdcCommitment {id: '11b'}) RETURN c",
    );
    expect(c11b!.c.properties).toMatchObject({
      label: '11(b)',
      letter: 'b',
      section: 's1',
      verified: false,
      confidence: 'medium',
    });
    expect(num(c11b!.c.properties.paragraph)).toBe(11);
    expect(await count("MATCH (c:GdcCommitment {id: '24'}) WHERE c.letter IS NULL RETURN count(c) AS n")).toBe(1);
    expect(await count("MATCH (c:GdcCommitment {id: 'ai-fund'}) RETURN count(c) AS n")).toBe(0);

    // Proposed links only where the reference evidences them; DPI (s3) and human rights (s5) stay gaps.
    expect(
      await count(
        "MATCH (:Entity {id: 'ITC'})-[r:RESPONSIBLE_FOR {status: 'proposed'}]->(:GdcCommitment {id: '42b'}) RETURN count(r) AS n",
      ),
    ).toBe(1);
    expect(
      await count(
        "MATCH (:ActionLine)-[r:ALIGNS_WITH]->(c:GdcCommitment) WHERE c.section IN ['s3', 's5'] RETURN count(r) AS n",
      ),
    ).toBe(0);
    expect(
      await count(
        "MATCH ()-[r:ALIGNS_WITH]->() WHERE r.status <> 'proposed' OR r.rationale IS NULL RETURN count(r) AS n",
      ),
    ).toBe(0);

    const entities = await query<{ id: string; ungisMember: boolean; verified: boolean }>(
      "MATCH (e:Entity) WHERE e.id IN ['ITU', 'ODET', 'APC', 'WMO'] RETURN e.id AS id, e.ungisMember AS ungisMember, e.verified AS verified ORDER BY e.id",
    );
    expect(entities).toEqual([
      { id: 'APC', ungisMember: false, verified: false },
      { id: 'ITU', ungisMember: true, verified: true },
      { id: 'ODET', ungisMember: true, verified: false },
      { id: 'WMO', ungisMember: false, verified: false },
    ]);
    expect(
      await count(
        "MATCH (:Entity {id: 'APC'})-[r:FACILITATES {status: 'proposed'}]->(:ActionLine {id: 'C2'}) RETURN count(r) AS n",
      ),
    ).toBe(1);
  });

  it('puts provenance on every node and every relationship', async () => {
    expect(
      await count(
        'MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) AND (n.sourceDocument IS NULL OR n.sourceLocator IS NULL) RETURN count(n) AS n',
        {
          labels: roadmapLabels,
        },
      ),
    ).toBe(0);
    expect(
      await count(
        "MATCH ()-[r]->() WHERE r.sourceDocument IS NULL OR r.sourceLocator IS NULL OR r.status IS NULL OR r.createdAt IS NULL OR r.createdBy <> 'seed' RETURN count(r) AS n",
      ),
    ).toBe(0);
  });

  it('is idempotent: a second run changes nothing and keeps the revision', async () => {
    const changesBefore = await count('MATCH (c:Change) RETURN count(c) AS n');
    const second = await loadSeed(driver);
    expect(second.nodes).toEqual({ created: 0, updated: 0, unchanged: sum(expectedNodes), curated: 0 });
    expect(second.relationships).toEqual({ created: 0, updated: 0, unchanged: sum(expectedRelationships), curated: 0 });
    expect(second.revision).toBe(first.revision);
    expect(await revision()).toBe(first.revision);
    expect(await count('MATCH (c:Change) RETURN count(c) AS n')).toBe(changesBefore);
  });

  it('restores an edited seed fact, reports it as updated and advances the revision', async () => {
    const before = await revision();
    await driver.executeQuery("MATCH (t:SdgTarget {id: '5.b'}) SET t.title = 'edited by hand'");
    const report = await loadSeed(driver);
    expect(report.nodes).toMatchObject({ created: 0, updated: 1 });
    expect(report.byKind.SdgTarget).toMatchObject({ updated: 1 });
    expect(report.revision).toBe(before + 1);
    expect(
      await count("MATCH (t:SdgTarget {id: '5.b'}) WHERE t.title = $title RETURN count(t) AS n", {
        title: refTargets.find((t) => t.id === '5.b')!.title,
      }),
    ).toBe(1);
  });

  it('leaves the status of an existing link to the review workflow', async () => {
    await driver.executeQuery(
      "MATCH (:ActionLine {id: 'C2'})-[r:ALIGNS_WITH]->(:GdcCommitment {id: '11a'}) SET r.status = 'endorsed'",
    );
    const report = await loadSeed(driver);
    expect(report.relationships).toMatchObject({ created: 0, updated: 0 });
    const [row] = await query<{ status: string }>(
      "MATCH (:ActionLine {id: 'C2'})-[r:ALIGNS_WITH]->(:GdcCommitment {id: '11a'}) RETURN r.status AS status",
    );
    expect(row!.status).toBe('endorsed');
  });

  it('refuses a bad seed folder and writes nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bad-seed-'));
    try {
      await cp(defaultSeedDir, dir, { recursive: true });
      // A valid new node plus a link to an id that does not exist: the node must not be written either.
      const sdgs = JSON.parse(await readFile(path.join(dir, 'sdgs.json'), 'utf8')) as Record<string, unknown>[];
      sdgs[0] = { ...sdgs[0]!, title: 'changed title that must not reach the graph' };
      await writeFile(path.join(dir, 'sdgs.json'), JSON.stringify(sdgs));
      const links = JSON.parse(await readFile(path.join(dir, 'facilitators.json'), 'utf8')) as Record<
        string,
        unknown
      >[];
      links.push({ ...links[0]!, actionLine: 'C42' });
      await writeFile(path.join(dir, 'facilitators.json'), JSON.stringify(links));

      const nodesBefore = await totalNodes();
      const revisionBefore = await revision();
      await expect(loadSeed(driver, { dir })).rejects.toBeInstanceOf(SeedValidationError);
      expect(await totalNodes()).toBe(nodesBefore);
      expect(await revision()).toBe(revisionBefore);
      expect(await count("MATCH (g:Sdg {id: '1'}) WHERE g.title STARTS WITH 'changed' RETURN count(g) AS n")).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes everything in one transaction: a failure half-way leaves the graph empty', async () => {
    await resetDatabase(driver);
    await runMigrations(driver);
    // Entities are written after action lines and SDGs; make the ITU node collide on a unique name.
    await driver.executeQuery(
      'CREATE CONSTRAINT seed_test_entity_name IF NOT EXISTS FOR (e:Entity) REQUIRE e.name IS UNIQUE',
    );
    try {
      await driver.executeQuery("CREATE (:Entity {id: 'ITU-COPY', name: 'International Telecommunication Union'})");
      await expect(loadSeed(driver)).rejects.toThrow(/already exists|ConstraintValidationFailed/);
      expect(
        await count('MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) RETURN count(n) AS n', {
          labels: roadmapLabels,
        }),
      ).toBe(1);
      expect(await count('MATCH (c:Change) RETURN count(c) AS n')).toBe(0);
      expect(await revision()).toBe(0);
    } finally {
      await driver.executeQuery('DROP CONSTRAINT seed_test_entity_name IF EXISTS');
      await driver.executeQuery("MATCH (e:Entity {id: 'ITU-COPY'}) DELETE e");
    }
  });
});
