import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/app.js';
import {
  alignedLinesBySection,
  allRefLines,
  entityName,
  getJson,
  partnerLines,
  ref,
  refGdc,
  refMatrix,
  seededApp,
} from '../helpers/reference.js';

interface Contact {
  rank: number;
  entity: { id: string; name: string };
  relation: string;
  role: string | null;
  status: string;
  direct: boolean;
  reasons: {
    text: string;
    depth: number;
    role: string | null;
    status: string;
    links: { type: string; from: string; to: string; status: string; source: { document: string } }[];
  }[];
}
interface Answer {
  data: {
    found: boolean;
    message: string;
    matched: { kind: string; id: string }[];
    contacts: Contact[];
    suggestions: string[];
  };
  meta: { language: string; totalContacts: number; rules: string[] };
}

/** Everyone the reference names as facilitator of a line: leads, co-facilitators, and ITU where it is a partner. */
function facilitatorsOf(lineId: string): { entity: string; role: 'lead' | 'co' | 'partner' }[] {
  const line = allRefLines.find((l) => l.id === lineId)!;
  return [
    ...line.facilitators.lead.map((n) => ({ entity: entityName(n), role: 'lead' as const })),
    ...line.facilitators.co.map((n) => ({ entity: entityName(n), role: 'co' as const })),
    ...(partnerLines.some((l) => l.id === lineId) ? [{ entity: 'ITU', role: 'partner' as const }] : []),
  ];
}
const roleOrder = { lead: 0, co: 1, partner: 2, contributor: 3 } as Record<string, number>;

describe('GET /v1/helpdesk', () => {
  let app: FastifyInstance;
  let driver: Driver;
  beforeAll(async () => {
    ({ app, driver } = await seededApp());
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await driver?.close();
  });

  const ask = (query: string) => getJson<Answer>(app, `/v1/helpdesk?${query}`);

  it('cybersecurity: the lead facilitator of the security action line comes first, with its reason chain', async () => {
    const line = allRefLines.find((l) => /\bsecurity\b/i.test(l.title))!;
    const lead = entityName(line.facilitators.lead[0]!);
    const { data } = await ask('q=cybersecurity');
    expect(data.found).toBe(true);
    const first = data.contacts[0]!;
    expect(first).toMatchObject({ rank: 1, entity: { id: lead }, relation: 'facilitator', role: 'lead', direct: true });
    expect(first.reasons[0]!.text).toBe(`${lead} — lead facilitator of ${line.id} (${line.title})`);
    expect(first.reasons[0]!.links).toEqual([
      expect.objectContaining({ type: 'FACILITATES', from: lead, to: line.id, status: 'endorsed' }),
    ]);
    expect(first.reasons[0]!.links[0]!.source.document).toBeTruthy();
  });

  it('e-agriculture: the lead facilitator of C7 e-agriculture comes first', async () => {
    const line = allRefLines.find((l) => /agriculture/i.test(l.title))!;
    const { data } = await ask('q=e-agriculture');
    expect(data.contacts[0]!.entity.id).toBe(entityName(line.facilitators.lead[0]!));
  });

  it('target 3.d: the facilitators of the lines that support it, leads first', async () => {
    const lines = refMatrix.filter((m) => m.sdg_targets.includes('3.d')).map((m) => m.action_line);
    expect(lines.length).toBeGreaterThan(0);
    const expected = lines.flatMap(facilitatorsOf);
    const { data } = await ask('target=3.d');
    expect(data.matched).toEqual([expect.objectContaining({ kind: 'sdg-target', id: '3.d' })]);
    expect(new Set(data.contacts.map((c) => c.entity.id))).toEqual(new Set(expected.map((f) => f.entity)));
    for (const contact of data.contacts) {
      // Each contact's best role is the best role the reference gives it on one of those lines.
      const best = expected
        .filter((f) => f.entity === contact.entity.id)
        .sort((a, b) => roleOrder[a.role]! - roleOrder[b.role]!)[0]!;
      expect(contact.role).toBe(best.role);
      expect(contact.direct).toBe(false);
      expect(contact.reasons[0]!.text).toMatch(/which supports target 3\.d$/);
    }
    const roles = data.contacts.map((c) => roleOrder[c.role!]!);
    expect(roles).toEqual([...roles].sort((a, b) => a - b));
  });

  it('commitment 13a: the facilitators of the lines aligned with its GDC section', async () => {
    const section = refGdc.commitments.find((c) => c.id === '13a')!.section;
    const lines = alignedLinesBySection[section]!;
    const expected = new Set(lines.flatMap(facilitatorsOf).map((f) => f.entity));
    const { data } = await ask('commitment=13a');
    expect(new Set(data.contacts.map((c) => c.entity.id))).toEqual(expected);
    expect(data.contacts[0]!.reasons[0]!.text).toContain('which aligns with GDC commitment 13a (proposed)');
    expect(data.contacts[0]!.status).toBe('proposed');
  });

  it('action line C7.e-health: its own facilitators first (lead before co), then those of C7', async () => {
    const { data } = await ask('actionLine=C7.e-health');
    const own = facilitatorsOf('C7.e-health');
    expect(data.contacts[0]!.entity.id).toBe(own.find((f) => f.role === 'lead')!.entity);
    expect(data.contacts.filter((c) => c.direct).map((c) => c.entity.id)).toEqual(own.map((f) => f.entity));
    const parent = data.contacts.flatMap((c) => c.reasons).filter((r) => r.depth === 2);
    expect(parent.map((r) => r.text)).toEqual(
      facilitatorsOf('C7').map(
        (f) => `${f.entity} — co-facilitator of C7 (ICT applications), the parent line of C7.e-health`,
      ),
    );
  });

  it('an entity named in the question comes first', async () => {
    const { data } = await ask('q=UNESCO');
    expect(data.contacts[0]).toMatchObject({ entity: { id: 'UNESCO' }, relation: 'named', direct: true });
  });

  it('nothing matches: says so and suggests the closest terms', async () => {
    const { data } = await ask('q=zzinfrastructurezz');
    expect(data.found).toBe(false);
    expect(data.contacts).toEqual([]);
    expect(data.matched).toEqual([]);
    expect(data.suggestions).toContain('infrastructure');
    expect(data.message).toMatch(/^Nothing in the roadmap matches this question\. Closest terms: .*infrastructure/);
  });

  it('SDG labels follow the language; the reason text stays in English', async () => {
    const response = await app.inject({ url: '/v1/helpdesk?target=5.b', headers: { 'accept-language': 'zh' } });
    expect(response.headers['content-language']).toBe('zh');
    const body = response.json() as Answer;
    const zh = ref('sdg-translations.json').targets['5.b']['zh-Hans'].normalize('NFC');
    expect(body.data.matched[0]).toMatchObject({ id: '5.b', title: zh });
  });

  it('asks exactly one question: none or two are 400 naming the fields; an unknown id is 404', async () => {
    const none = await app.inject({ url: '/v1/helpdesk' });
    expect(none.statusCode).toBe(400);
    expect(expectProblem(none).errors?.map((e) => e.path)).toEqual([
      'query.q',
      'query.target',
      'query.commitment',
      'query.actionLine',
    ]);
    const two = await app.inject({ url: '/v1/helpdesk?q=health&target=3.d' });
    expect(two.statusCode).toBe(400);
    expect(expectProblem(two).errors?.map((e) => e.path)).toEqual(['query.q', 'query.target']);
    const bad = await app.inject({ url: '/v1/helpdesk?target=3.zz' });
    expect(bad.statusCode).toBe(400);
    expect(expectProblem(bad).errors?.[0]?.path).toBe('query.target');
    const unknown = await app.inject({ url: '/v1/helpdesk?commitment=99z' });
    expect(unknown.statusCode).toBe(404);
    expect(expectProblem(unknown).errors).toEqual([{ path: 'query.commitment', message: 'unknown GDC commitment' }]);
  });

  it('the same question gets the same answer (deterministic ranking)', async () => {
    const a = await ask('q=gender');
    const b = await ask('q=gender');
    expect(b).toEqual(a);
    const order = ['direct before derived', 'lead before co', 'endorsed before proposed'].map((rule) =>
      a.meta.rules.findIndex((r) => r.startsWith(rule)),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((x, y) => x - y));
  });

  it('a strong match outranks a direct link to a weak one: data governance goes to the data lines, not C1', async () => {
    const sections = refGdc.sections.filter((s) => /data/i.test(s.title)).map((s) => s.id);
    const leads = new Set(
      sections
        .flatMap((s) => alignedLinesBySection[s] ?? [])
        .flatMap(facilitatorsOf)
        .filter((f) => f.role === 'lead')
        .map((f) => f.entity),
    );
    expect(leads.size).toBeGreaterThan(0);
    const { data } = await ask('q=data%20governance');
    expect(leads.has(data.contacts[0]!.entity.id)).toBe(true);
  });
});
