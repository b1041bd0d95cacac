import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import { editingFixture, graphState, type EditingFixture } from '../helpers/editing.js';
import { refGdc } from '../helpers/reference.js';

/**
 * Bulk reference import: a staff member loads the corrected list of a whole objective in one
 * reviewed step (dry run, then apply), and a file with bad rows is refused whole.
 */

const header = 'op,id,paragraph,letter,objective,section,sectionTitle,summary,sdgs,verified,confidence,source';
const official = 'Global Digital Compact, annex I to A/RES/79/1';
const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

describe('bulk import of commitments and entities', () => {
  let f: EditingFixture;
  beforeAll(async () => {
    f = await editingFixture();
  });
  afterAll(async () => f.close());

  const importCsv = (kind: string, csv: string, query = '', role: 'editor' | 'admin' = 'admin') =>
    f.app.inject({
      method: 'POST',
      url: `/v1/imports/${kind}${query}`,
      headers: { ...f.as(role), 'content-type': 'text/csv' },
      payload: csv,
    });

  // Objective 1 as the reference lists it. The corrected list verifies eight of its commitments that
  // the reference does not rate high against the official text, adds the known slot 11(c) and
  // retires 17b.
  const objective1 = refGdc.commitments.filter((c) => c.objective === 1 && c.paragraph !== null);
  const checked = objective1.filter((c) => c.confidence !== 'high' && c.id !== '17b').slice(0, 8);
  const verifiedRows = checked.map((c) =>
    [
      '',
      c.id,
      '',
      '',
      '',
      '',
      '',
      '',
      c.sdgs.length ? c.sdgs.join(';') : 'none',
      'true',
      'high',
      `${official}|para ${c.label}|https://docs.un.org/A/RES/79/1`,
    ]
      .map(csvCell)
      .join(','),
  );
  const added = [
    'upsert',
    '',
    '11',
    'c',
    '1',
    's1',
    'Digital connectivity',
    'Test summary of paragraph 11(c).',
    '9',
    'false',
    'medium',
    `${official}|para 11(c)|`,
  ]
    .map(csvCell)
    .join(',');
  const retired = 'retire,17b,,,,,,,,,,';
  const corrected = [header, ...verifiedRows, added, retired].join('\n');

  it('needs the admin role', async () => {
    expect((await importCsv('commitments', corrected, '?dryRun=true', 'editor')).statusCode).toBe(403);
  });

  it('dry-runs 10 corrected commitments to a diff and writes nothing', async () => {
    expect(checked).toHaveLength(8);
    const before = await graphState(f.driver);
    const response = await importCsv('commitments', corrected, '?dryRun=true');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      dryRun: true,
      revision: before.revision,
      summary: { rows: 10, added: 1, changed: 8, removed: 1, unchanged: 0, errors: 0 },
    });
    expect(body.added[0]).toMatchObject({ row: 9, id: '11c', before: null, after: { sdgs: [9] } });
    expect(body.removed[0]).toMatchObject({ row: 10, id: '17b', before: { status: 'active' } });
    const first = body.changed.find((d: { id: string }) => d.id === checked[0]!.id);
    expect(first.before).toMatchObject({ verified: false });
    expect(first.after).toMatchObject({ verified: true, confidence: 'high' });
    expect(await graphState(f.driver)).toEqual(before);
  });

  it('applies them in one transaction: one revision, one Change per record plus the import', async () => {
    const before = await graphState(f.driver);
    const retiredLinks = (
      await f.driver.executeQuery(
        "MATCH (c:GdcCommitment {id: '17b'})-[r]-() WHERE type(r) IN ['CONTRIBUTES_TO', 'ALIGNS_WITH', 'RESPONSIBLE_FOR'] AND r.status <> 'retired' RETURN count(r) AS n",
      )
    ).records[0]!.get('n') as number;
    const response = await importCsv('commitments', corrected, '?reason=Objective%201%20checked');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ dryRun: false, revision: before.revision + 1 });
    expect(await graphState(f.driver)).toEqual({
      revision: before.revision + 1,
      changes: before.changes + 10 + Number(retiredLinks) + 1,
    });
    for (const c of checked) {
      const detail = (await f.app.inject({ method: 'GET', url: `/v1/gdc/commitments/${c.id}` })).json().data;
      expect(detail).toMatchObject({ verified: true, confidence: 'high', source: { locator: `para ${c.label}` } });
      expect(detail.goals.map((g: { goalId: number }) => g.goalId)).toEqual([...c.sdgs].sort((a, b) => a - b));
    }
    expect((await f.app.inject({ method: 'GET', url: '/v1/gdc/commitments/11c' })).statusCode).toBe(200);
    expect((await f.app.inject({ method: 'GET', url: '/v1/gdc/commitments/17b' })).statusCode).toBe(410);
    // The same file again changes nothing.
    const again = await importCsv('commitments', corrected);
    expect(again.json().summary).toMatchObject({ added: 0, changed: 0, unchanged: 10 });
  });

  it('refuses a file with bad rows whole, listing every row error (422)', async () => {
    const before = await graphState(f.driver);
    const bad = [
      header,
      ...verifiedRows.slice(0, 5),
      'upsert,13c,13,d,1,s1,Title,Summary,9,true,high,Doc|Loc|', // id and paragraph disagree
      'upsert,,14,,9,s1,Title,Summary,18,maybe,certain,Doc||', // objective, sdgs, verified, confidence, source
      'retire,99z,,,,,,,,,,', // unknown id
      'upsert,13e,,,,,,,,,,', // new without its fields
      'upsert,17b,,,,,,,,true,,', // retired id
      `upsert,${checked[5]!.id},,,,,,,,,medium,`, // good, and a change: must not be written either
    ].join('\n');
    const response = await importCsv('commitments', bad);
    expect(response.statusCode).toBe(422);
    const problem = expectProblem(response);
    const rows = [...new Set(problem.errors!.map((e) => (e as unknown as { row: number }).row))];
    expect(rows).toEqual([6, 7, 8, 9, 10]);
    expect(problem.errors!.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        'rows.6.id',
        'rows.7.objective',
        'rows.7.sdgs.0',
        'rows.7.verified',
        'rows.7.confidence',
        'rows.7.source.locator',
        'rows.8.id',
        'rows.9.objective',
        'rows.9.section',
        'rows.9.source',
        'rows.10.id',
      ]),
    );
    expect(await graphState(f.driver)).toEqual(before);
    // A dry run reports the same errors with a 200 and the diff of the good rows.
    const dry = await importCsv('commitments', bad, '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json().summary.errors).toBe(problem.errors!.length);
    // A bad header is row 0.
    const header0 = await importCsv('commitments', 'id,colour\n11a,red');
    expect(header0.statusCode).toBe(422);
    expect(expectProblem(header0).errors![0]).toMatchObject({ row: 0, path: 'header.colour' });
  });

  it('imports entities the same way (JSON), retiring one retires its links', async () => {
    const before = await graphState(f.driver);
    const linksOf = async (id: string) =>
      (await f.app.inject({ method: 'GET', url: `/v1/links?from=${id}&limit=500` })).json().data as {
        type: string;
        to: string;
        status: string;
        fromKind: string;
        fromLabel: string;
      }[];
    const iloLinks = await linksOf('ILO');
    expect(iloLinks.filter((l) => l.status !== 'retired').length).toBeGreaterThan(0);
    const response = await f.app.inject({
      method: 'POST',
      url: '/v1/imports/entities',
      headers: f.as('admin'),
      payload: {
        reason: 'Membership list checked',
        rows: [
          {
            id: 'WMO',
            verified: true,
            ungisMember: true,
            membershipConfidence: 'high',
            source: 'UNGIS members list|WMO|',
          },
          {
            id: 'UNU',
            name: 'United Nations University',
            kind: 'other-un',
            ungisMember: false,
            source: { document: 'Test record', locator: 'n/a' },
          },
          { id: 'ILO', op: 'retire' },
        ],
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().summary).toMatchObject({ added: 1, changed: 1, removed: 1 });
    expect(response.json().revision).toBe(before.revision + 1);
    const wmo = (await f.app.inject({ method: 'GET', url: '/v1/entities/WMO' })).json().data;
    expect(wmo).toMatchObject({ verified: true, ungisMember: true, membershipConfidence: 'high' });
    expect((await f.app.inject({ method: 'GET', url: '/v1/entities/ILO' })).statusCode).toBe(410);
    // Its links are retired with it and stay listed, under the entity's kind and name.
    const retired = await linksOf('ILO');
    expect(retired.map((l) => `${l.type}|${l.to}`)).toEqual(iloLinks.map((l) => `${l.type}|${l.to}`));
    for (const l of retired)
      expect(l).toMatchObject({
        status: 'retired',
        fromKind: 'Entity',
        fromLabel: 'International Labour Organization',
      });
  });
});
