import { describe, expect, it } from 'vitest';
import { elementPath, parseElementPath, planEntityMerge, retiredLinkState } from '../../src/domain/curation.js';
import { qualityHistory } from '../../src/domain/quality.js';

const stamp = { at: '2026-01-01T00:00:00.000Z', name: 'alice' };

describe('planEntityMerge', () => {
  const link = (to: string, role: string, status: string) => ({
    kind: 'FACILITATES' as const,
    to,
    props: { role, status },
  });

  it('moves what only the merged entity has, and keeps the stronger state of a shared link', () => {
    const plan = planEntityMerge(
      [link('C1', 'lead', 'endorsed'), link('C3', 'co', 'proposed'), link('C5', 'co', 'endorsed')],
      [link('C1', 'co', 'proposed'), link('C3', 'lead', 'proposed'), link('C9', 'partner', 'endorsed')],
      stamp,
    );
    expect(plan.map((p) => [p.to, p.outcome, p.after.role, p.after.status])).toEqual([
      ['C1', 'merged-won', 'lead', 'endorsed'], // stronger status
      ['C3', 'survivor-won', 'lead', 'proposed'], // same status, stronger role
      ['C5', 'moved', 'co', 'endorsed'],
    ]);
    // Only the survivor's links that change are written; C9 is not touched.
    expect(plan.some((p) => p.to === 'C9')).toBe(false);
    expect(plan[0]!.after).toMatchObject({ curatedBy: 'alice', curatedAt: stamp.at });
  });

  it('keeps the survivor on a tie, and does not depend on input order', () => {
    const a = planEntityMerge(
      [link('C2', 'co', 'endorsed'), link('C1', 'co', 'endorsed')],
      [link('C1', 'co', 'endorsed')],
      stamp,
    );
    const b = planEntityMerge(
      [link('C1', 'co', 'endorsed'), link('C2', 'co', 'endorsed')],
      [link('C1', 'co', 'endorsed')],
      stamp,
    );
    expect(a).toEqual(b);
    expect(a[0]).toMatchObject({ to: 'C1', outcome: 'survivor-won' });
  });
});

describe('retiredLinkState', () => {
  it('retires a live link and leaves a retired one alone', () => {
    expect(retiredLinkState({ status: 'endorsed', role: 'lead' }, stamp)).toMatchObject({
      status: 'retired',
      role: 'lead',
    });
    expect(retiredLinkState({ status: 'retired' }, stamp)).toBeNull();
  });
});

describe('element paths', () => {
  it('parse every verifiable element and print back the same path', () => {
    for (const path of [
      'gdc/commitments/11a',
      'entities/UN Women',
      'action-lines/C7.e-health/facilitators/WHO',
      'gdc/commitments/42b/responsible/ITC',
      'action-lines/C2/commitments/11a',
      'action-lines/C2/sdg-targets/9.1',
      'action-lines/C2/sdgs/9',
      'links/CONTRIBUTES_TO/11a/9',
    ]) {
      expect(elementPath(parseElementPath(path)!)).toBe(path);
    }
    expect(parseElementPath('entities/UN%20Women')).toEqual({ type: 'Entity', from: 'UN Women', to: null });
    expect(parseElementPath('sdgs/5')).toBeUndefined();
    expect(parseElementPath('entities/%E0%A4%A')).toBeUndefined();
  });
});

describe('qualityHistory', () => {
  const counts = (total: number, unverified: number, lowConfidence: number) => ({ total, unverified, lowConfidence });
  const change = (revision: number, target: string, before: unknown, after: unknown) => ({
    revision,
    at: `t${revision}`,
    target,
    before: before === null ? null : JSON.stringify(before),
    after: after === null ? null : JSON.stringify(after),
  });

  it('undoes each change from the newest, one point per revision, back to the seed load', () => {
    const history = qualityHistory(
      { revision: 12, commitments: counts(10, 5, 3), entities: counts(4, 2, 2) },
      [
        change(
          12,
          'gdc/commitments/1a',
          { verified: false, confidence: 'low' },
          { verified: true, confidence: 'high' },
        ),
        change(11, 'gdc/commitments/2', null, { verified: false, confidence: 'low', status: 'active' }),
        change(11, 'entities/X', { verified: false, membershipConfidence: 'unverified' }, { status: 'retired' }),
      ],
      8,
    );
    expect(history).toEqual([
      { revision: 12, at: 't12', commitments: counts(10, 5, 3), entities: counts(4, 2, 2) },
      { revision: 11, at: 't11', commitments: counts(10, 6, 4), entities: counts(4, 2, 2) },
      { revision: 8, at: null, commitments: counts(9, 5, 3), entities: counts(5, 3, 3) },
    ]);
  });
});
