import { parse as parseCsv } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import jsonld from 'jsonld';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { roadmapLinkTypes } from '../../src/domain/links.js';
import { predicateOf } from '../../src/lib/linked-data/mappings.js';
import { expectProblem } from '../helpers/app.js';
import { readAllPages, refGoals, seededApp } from '../helpers/reference.js';

interface Link {
  type: string;
  from: string;
  to: string;
  role: string | null;
  status: string;
}
const keyOf = (l: Link) => `${l.type} ${l.from} → ${l.to} ${l.role ?? '-'} ${l.status}`;

const SSSOM = 'https://w3id.org/sssom/';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const kosUris = new Map(
  refGoals.flatMap((g) => [[String(g.goal), g.kos_uri] as const, ...g.targets.map((t) => [t.id, t.kos_uri] as const)]),
);

/** The id in the graph of a mapping end, from its IRI: KOS URIs for goals/targets, API URLs for the rest. */
function idOfIri(iri: string): string {
  for (const [id, uri] of kosUris) if (uri === iri) return id;
  const match = /\/v1\/(?:action-lines|gdc\/commitments|entities)\/([^/?#]+)$/.exec(iri);
  if (!match) throw new Error(`not a roadmap IRI: ${iri}`);
  return decodeURIComponent(match[1]!);
}

type Expanded = Record<string, { '@id'?: string; '@value'?: unknown }[] | string | string[]>;
const value = (node: Expanded, property: string) => {
  const values = node[property] as { '@id'?: string; '@value'?: unknown }[] | undefined;
  return values?.[0]?.['@id'] ?? (values?.[0]?.['@value'] as string | undefined);
};

describe('linked-data exports', () => {
  let app: FastifyInstance;
  let driver: Driver;
  beforeAll(async () => {
    ({ app, driver } = await seededApp());
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await driver?.close();
  });

  const links = async (filter: string) =>
    (await readAllPages<Link>(app, `/v1/links${filter ? `?${filter}` : ''}`, 500)).items.map(keyOf).sort();

  /** The mappings of the JSON-LD export, read back from its expanded form as roadmap links. */
  async function jsonLdLinks(filter: string) {
    const response = await app.inject({ url: `/v1/exports/jsonld${filter ? `?${filter}` : ''}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/ld\+json/);
    const body = response.json() as { '@context': { roadmap: string } };
    const vocab = body['@context'].roadmap;
    // safe mode: any term that would be dropped or any IRI that does not expand is an error.
    // (`safe` is jsonld 9's option; the community typings predate it.)
    const safe = { safe: true } as unknown as Parameters<typeof jsonld.expand>[1] & object;
    const expanded = (await jsonld.expand(body, safe)) as unknown as Expanded[];
    const set = expanded.find((n) => (n['@type'] as string[] | undefined)?.includes(`${SSSOM}MappingSet`))!;
    const mappings = set[`${SSSOM}mappings`] as unknown as Expanded[];
    const read = mappings.map((m) => ({
      type: value(m, `${vocab}linkType`)!,
      from: idOfIri(value(m, `${SSSOM}subject_id`)!),
      to: idOfIri(value(m, `${SSSOM}object_id`)!),
      predicate: value(m, `${SSSOM}predicate_id`)!,
      role: value(m, `${vocab}role`) ?? null,
      status: value(m, `${vocab}status`)!,
    }));
    return { expanded, read };
  }

  it.each(['', 'type=SUPPORTS', 'from=C5', 'to=5.b', 'status=proposed', 'type=FACILITATES&from=ITU'])(
    'JSON-LD expands without error and round-trips the links of /v1/links?%s',
    async (filter) => {
      const { read } = await jsonLdLinks(filter);
      const expected = await links(filter);
      expect(expected.length).toBeGreaterThan(0);
      expect(read.map((l) => keyOf(l as Link)).sort()).toEqual(expected);
    },
  );

  it('JSON-LD uses the SKOS predicate chosen per link type and the KOS URIs of goals and targets', async () => {
    const { expanded, read } = await jsonLdLinks('');
    const predicateOf = {
      SUPPORTS: `${SKOS}relatedMatch`,
      CONTRIBUTES_TO: `${SKOS}relatedMatch`,
      ALIGNS_WITH: `${SKOS}closeMatch`,
    } as Record<string, string>;
    for (const m of read) if (predicateOf[m.type]) expect(m.predicate).toBe(predicateOf[m.type]);
    // The SKOS triples themselves: C5 relatedMatch the KOS URI of every target it supports.
    const c5 = expanded.find((n) => String(n['@id']).endsWith('/v1/action-lines/C5'))!;
    const targets = (c5[`${SKOS}relatedMatch`] as { '@id': string }[]).map((o) => o['@id']).sort();
    const supported = read.filter((m) => m.type === 'SUPPORTS' && m.from === 'C5').map((m) => kosUris.get(m.to)!);
    expect(targets).toEqual(supported.sort());
    expect(targets.every((t) => t.startsWith('http://metadata.un.org/sdg/'))).toBe(true);
  });

  it.each(['', 'type=ALIGNS_WITH', 'from=ITU', 'to=3.d'])(
    'SSSOM/TSV parses (metadata block + table) and matches /v1/links?%s',
    async (filter) => {
      const response = await app.inject({ url: `/v1/exports/sssom${filter ? `?${filter}` : ''}` });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/tab-separated-values; charset=utf-8/);
      const lines = response.body.split(/\r?\n/);
      const metaLines = lines.filter((l) => l.startsWith('#'));
      const meta = parseYaml(metaLines.map((l) => l.slice(1)).join('\n')) as {
        curie_map: Record<string, string>;
        mapping_set_id: string;
        license: string;
      };
      expect(meta.mapping_set_id).toMatch(/\/v1\/exports\/sssom/);
      expect(meta.license).toMatch(/^https?:\/\//);
      const rows = parseCsv(lines.filter((l) => !l.startsWith('#')).join('\n'), {
        delimiter: '\t',
        columns: true,
        skip_empty_lines: true,
      }) as Record<string, string>[];
      for (const column of [
        'subject_id',
        'predicate_id',
        'object_id',
        'mapping_justification',
        'author_id',
        'mapping_date',
        'confidence',
      ]) {
        expect(Object.keys(rows[0]!)).toContain(column);
      }
      const expand = (curie: string) => {
        const [prefix, local] = curie.split(/:(.*)/s) as [string, string];
        expect(meta.curie_map[prefix]).toBeDefined();
        return meta.curie_map[prefix] + local;
      };
      const read = rows.map((row) => {
        const other = Object.fromEntries(row.other!.split('|').map((kv) => kv.split('=') as [string, string]));
        expect(row.mapping_justification).toBe('semapv:ManualMappingCuration');
        expect(row.mapping_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (row.confidence) expect(Number(row.confidence)).toBeGreaterThanOrEqual(0);
        if (row.confidence) expect(Number(row.confidence)).toBeLessThanOrEqual(1);
        return keyOf({
          type: other.link_type!,
          from: idOfIri(expand(row.subject_id!)),
          to: idOfIri(expand(row.object_id!)),
          role: other.role ?? null,
          status: other.status!,
        });
      });
      expect(read.sort()).toEqual(await links(filter));
    },
  );

  it('every link type of the registry has a chosen predicate (a new kind cannot export unmapped)', () => {
    for (const type of roadmapLinkTypes) expect(predicateOf(type)).toMatch(/^(skos|roadmap):/);
    expect(() => predicateOf('KNOWS')).toThrow(/No linked-data predicate/);
  });

  it('bad filters are 400 naming the field, like /v1/links', async () => {
    const response = await app.inject({ url: '/v1/exports/sssom?type=KNOWS' });
    expect(response.statusCode).toBe(400);
    expect(expectProblem(response).errors?.[0]?.path).toBe('query.type');
  });
});
