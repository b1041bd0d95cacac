/**
 * Regenerates seed/*.json from the reference data in seed/sources (or the folder given as
 * the first argument). Deterministic: the same reference gives byte-identical files, records in
 * reference order. The app never reads the reference itself; it loads the committed seed/ files.
 *
 *   npx tsx tools/build-seed.ts [referenceDir]
 *
 * The output is validated with the same rules as `npm run seed` before anything is written.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Confidence, LinkStatus, Seed, Source } from '../src/seed/schema.js';
import { seedFiles, type SeedKey } from '../src/seed/schema.js';
import { formatProblem, SeedValidationError, validateSeed } from '../src/seed/validate.js';
import { type SdgLabels, sdgLabelsFile, sdgLabelsSchema } from '../src/seed/sdg-labels.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const referenceDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'seed', 'sources'));
const seedDir = path.join(repoRoot, 'seed');

// ---------------------------------------------------------------------------------------------
// The official documents every record cites.

const AGENDA_2030 = 'Transforming our world: the 2030 Agenda for Sustainable Development (A/RES/70/1)';
const INDICATOR_FRAMEWORK =
  'Global indicator framework for the Sustainable Development Goals and targets of the 2030 Agenda (A/RES/71/313, annex, with annual refinements)';
const INDICATOR_FRAMEWORK_URL = 'https://undocs.org/A/RES/71/313';
const GDC = 'Global Digital Compact, annex I to A/RES/79/1';
const GDC_URL = 'https://docs.un.org/A/RES/79/1';
const GENEVA_PLAN = 'Geneva Plan of Action (WSIS-03/GENEVA/DOC/5)';
const GENEVA_PLAN_URL = 'https://www.itu.int/net/wsis/docs/geneva/official/poa.html';
const SDG_MATRIX = 'WSIS–SDG Matrix (UN WSIS Action Line Facilitators, ITU, 2015)';
const SDG_MATRIX_URL = 'https://www.itu.int/net4/wsis/sdg/';
const SWISS_PROPOSALS = "Switzerland's proposals for the WSIS+20 zero draft";
const WSIS_PLUS_NON_PAPER = 'Non-paper "WSIS Plus" (Switzerland, WSIS+20 review)';

/**
 * Titles for the web pages the reference cites as evidence, keyed by URL. A URL picked as a
 * record's source must be listed here (the build stops otherwise), so every document is named
 * by a person rather than guessed from its address.
 */
const evidencePages: Record<string, { document: string; locator?: string }> = {
  'https://itu-ilibrary.org/science-and-technology/itu-contribution-to-the-implementation-of-the-wsis-outcomes_pub/805043d0-en':
    {
      document: 'ITU Contribution to the Implementation of the WSIS Outcomes (ITU)',
    },
  'https://itu.int/net4/wsis/forum/2019/Agenda/ViewSession/135': {
    document: 'WSIS Forum 2019, session 135: UNDESA on Action Lines C1, C7 E-Government and C11',
  },
  'https://www.un.org/development/desa/newsletter/trends/2012/05/3699.html': { document: 'UN DESA News, May 2012' },
  'https://dig.watch/sessions/wsis-action-line-facilitators-meeting': {
    document: 'WSIS Action Line Facilitators Meeting, WSIS Forum 2016 (Digital Watch session report)',
  },
  'https://vdocuments.site/wsis-action-lines-supporting-transformation-towards-sustainable-and-resilient-2017.html': {
    document:
      'ITU report on the WSIS Action Lines supporting transformation towards sustainable and resilient societies (2017), table of contents',
  },
  'http://www.itu.int/ITU-D/cyb/newslog/WSIS+Action+Line+Facilitation+Consultation+On+Information+And+Communication+Infrastructure+C2.aspx':
    {
      document:
        'ITU-D newslog: WSIS Action Line facilitation consultation on information and communication infrastructure (C2)',
    },
  'https://edri.org/our-work/edrigramnumber4-20unesco/': { document: 'EDRi-gram 4.20 (October 2006)' },
  'https://rikomatic.com/2006/03/unesco_launches.html': {
    document: 'rikomatic.com, March 2006: UNESCO launches WSIS action line facilitation',
  },
  'https://lists.apc.org/pipermail/plenary/2006-May/008884.html': { document: 'APC plenary mailing list, May 2006' },
  'https://studylib.net/doc/13697577/': { document: 'ITU WTDC-10 Document 9-E (2010)' },
  'http://www.itu.int/net/wsis/implementation/2010/forum/geneva/ifm/ifm_12.html': {
    document: 'WSIS Forum 2010: C7 e-Health facilitation meeting',
  },
  'https://www.itu.int/net4/wsis/forum/2024/Agenda/Session/389': {
    document: 'WSIS Forum 2024, session 389: C7 E-health',
  },
  'https://www.itu.int/net4/wsis/forum/2022/Agenda/Session/181': {
    document: 'WSIS Forum 2022, session 181: C7 E-employment facilitation meeting',
  },
  'https://studylib.net/doc/12920592/document-number--wsis-10-4-88': {
    document: 'WSIS+10 ten-year report on Action Line C7 E-environment (WSIS+10/4/88)',
  },
  'https://www.itu.int/net4/wsis/forum/2017/Agenda/Session/228': {
    document: 'WSIS Forum 2017, session 228: C7 E-environment',
  },
  'http://www.fao.org/europe/log/activities/outreach-and-advocacy/wsis-link/en/': {
    document: 'FAO: WSIS link (e-agriculture)',
  },
  'https://www.itu.int/net4/wsis/ungis': {
    document: 'UNGIS home page (ITU)',
    locator: 'UNGIS Focus 2025-2026 (chair, vice-chairs) and the meeting of 17 November 2025 (attendees)',
  },
  'http://unctad.org/en/pages/SGStatementDetails.aspx?OriginalVersionID=32': {
    document: 'Statement of the UNCTAD Secretary-General, 9th UNGIS high-level meeting (25 February 2013)',
  },
  'https://en.unesco.org/news/30-international-organizations-jointly-state-do-make-better-use-technologies-post-2015-future':
    {
      document:
        'UNESCO news (2013): 30 international organizations jointly state to make better use of technologies in the post-2015 future',
    },
  'https://fdocuments.in/document/table-of-contents-itu-a-en-a-itu-wsis-a-documents-a-wf17-a-wsisforum.html': {
    document: 'WSIS Forum 2017 outcome document (ITU), table of contents',
  },
  'https://www.itu.int/reports/wsis-gdc-implementation/objectives/gdc-objective-4/data-exchanges-and-standards': {
    document: 'WSIS–GDC implementation report (ITU): Objective 4, Data exchanges and standards',
  },
};

/** Kind of each UN entity in the UN system chart (the reference lists names only). */
const entityKinds: Record<string, Seed['entities'][number]['kind']> = {
  ITU: 'specialized-agency',
  UNESCO: 'specialized-agency',
  UPU: 'specialized-agency',
  WHO: 'specialized-agency',
  ILO: 'specialized-agency',
  FAO: 'specialized-agency',
  WMO: 'specialized-agency',
  WIPO: 'specialized-agency',
  UNIDO: 'specialized-agency',
  UNDP: 'fund-programme',
  UNEP: 'fund-programme',
  WFP: 'fund-programme',
  UNICEF: 'fund-programme',
  UNDESA: 'secretariat',
  ODET: 'secretariat',
  OHCHR: 'secretariat',
  UNODC: 'secretariat',
  ESCWA: 'regional-commission',
  ECA: 'regional-commission',
  ECE: 'regional-commission',
  ECLAC: 'regional-commission',
  ESCAP: 'regional-commission',
  UNCTAD: 'other-un',
  'UN Women': 'other-un',
  ITC: 'other-un',
  UNHCR: 'other-un',
};

/** Full names of facilitators that appear in neither UNGIS list (the action-line file gives acronyms only). */
const nonUnNames: Record<string, string> = { APC: 'Association for Progressive Communications' };

// ---------------------------------------------------------------------------------------------
// Reference shapes (only the fields read here).

interface RefSdgs {
  meta: { source: { repo: string; commit: string } };
  goals: {
    goal: number;
    short: string;
    title: string;
    kos_uri: string;
    targets: { id: string; title: string; kind: string; kos_uri: string }[];
  }[];
}
interface RefIndicators {
  meta: { source: { repo: string; commit: string } };
  indicators: { id: string; target: string; title: string; status: 'current' | 'obsolete'; status_note?: string }[];
}
interface RefFacilitators {
  lead: string[];
  co: string[];
  evidence: string[];
  confidence: string;
  note?: string;
  historical?: string;
}
interface RefActionLine {
  id: string;
  title: string;
  title_geneva_2003?: string;
  title_sources?: string[];
  ordinal?: number;
  facilitators: RefFacilitators;
  sub_lines?: RefActionLine[];
}
interface RefUngis {
  members: { acronym: string; name: string; evidence: string[]; membership_confidence: string }[];
  candidates_unverified: {
    acronym: string;
    name: string;
    why_listed: string;
    source: string;
    membership_confidence: string;
  }[];
}
interface RefMatrix {
  meta: { source: { repo: string; commit: string; path: string } };
  links: {
    action_line: string;
    sdg_targets: string[];
    goal_level_links: number[];
    goal_cells_without_target_or_rationale: number[];
    source_name: string;
  }[];
}
interface RefGdc {
  objectives: { id: number; title: string; confidence: Confidence; evidence: string[]; note?: string }[];
  sections: { id: string; title: string }[];
  commitments: {
    id: string;
    label: string | null;
    paragraph: number | null;
    letter: string | null;
    objective: number;
    section: string;
    sdgs: number[];
    summary: string;
    evidence: string[];
    confidence: Confidence;
    note?: string;
  }[];
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(referenceDir, file), 'utf8')) as T;
}
function readText(file: string): string {
  return readFileSync(path.join(referenceDir, file), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Seeded links are evidenced ('endorsed') unless the reference rates the evidence low. */
function statusFor(confidence: Confidence | undefined): LinkStatus {
  return confidence === 'low' ? 'proposed' : 'endorsed';
}

/** Drops undefined fields so the JSON has no `"note": undefined` holes and stays stable. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function source(document: string, locator: string, url: string | null, note?: string): Source {
  return compact({ document, locator, url, note });
}

/**
 * An evidence string of the reference is "URL [and URL] (what the page says)". Returns the first
 * complete URL (elided ones with "..." are skipped) and the description in parentheses.
 */
function parseEvidence(evidence: string): { url: string | null; description: string } {
  const open = evidence.indexOf(' (');
  const head = open >= 0 ? evidence.slice(0, open) : evidence;
  const description = open >= 0 ? evidence.slice(open + 2).replace(/\)$/, '') : '';
  const url = (head.match(/https?:\/\/\S+/g) ?? []).find((u) => !u.includes('...')) ?? null;
  return { url, description };
}

function sourceFromEvidence(evidence: string, note?: string): Source {
  const { url, description } = parseEvidence(evidence);
  if (url === null) throw new Error(`Evidence has no usable URL: ${evidence}`);
  const page = evidencePages[url];
  if (!page) throw new Error(`Add a document title for ${url} to evidencePages in tools/build-seed.ts`);
  const locator = page.locator ?? description;
  if (!locator) throw new Error(`No locator for ${url}: add one to evidencePages`);
  return source(page.document, locator, url, note);
}

function mentions(text: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z]|$)`).test(text);
}

/** "high (lead), medium (co)" → {lead: high, co: medium}; "medium" → applies to every role. */
function confidenceByRole(text: string): (role: 'lead' | 'co' | 'partner') => Confidence | undefined {
  const byRole = new Map<string, Confidence>();
  let general: Confidence | undefined;
  for (const part of text.split(/,\s*/)) {
    const m = /^(high|medium|low)(?:\s*\((.+)\))?$/.exec(part.trim());
    if (!m) throw new Error(`Unreadable facilitator confidence "${text}"`);
    const level = m[1] as Confidence;
    if (m[2] === 'lead' || m[2] === 'co') byRole.set(m[2], level);
    else general = level;
  }
  return (role) => byRole.get(role) ?? general;
}

/** First word of e.g. "medium (listed as present at a UNGIS meeting)". */
function membershipLevel(text: string): Seed['entities'][number]['membershipConfidence'] {
  const word = text.split(/[\s(]/)[0];
  if (word === 'high' || word === 'medium' || word === 'low' || word === 'unverified') return word;
  throw new Error(`Unreadable membership confidence "${text}"`);
}

// ---------------------------------------------------------------------------------------------
// Builders, one per seed file

function buildSdgs(ref: RefSdgs): Pick<Seed, 'sdgs' | 'sdgTargets'> {
  const via = `${ref.meta.source.repo}@${ref.meta.source.commit}`;
  return {
    sdgs: ref.goals.map((g) => ({
      id: String(g.goal),
      title: g.title,
      shortTitle: g.short,
      uri: g.kos_uri,
      source: source(
        AGENDA_2030,
        `Goal ${g.goal}`,
        g.kos_uri,
        `Text via ${via} (translations/en/global_goals.yml); short title = UN SDG icon label`,
      ),
    })),
    sdgTargets: ref.goals.flatMap((g) =>
      g.targets.map((t) => ({
        id: t.id,
        sdg: String(g.goal),
        title: t.title,
        kind: t.kind === 'means_of_implementation' ? ('means-of-implementation' as const) : ('outcome' as const),
        uri: t.kos_uri,
        source: source(
          AGENDA_2030,
          `Target ${t.id}`,
          t.kos_uri,
          `Text via ${via} (translations/en/global_targets.yml)`,
        ),
      })),
    ),
  };
}

function buildIndicators(ref: RefIndicators): Seed['sdgIndicators'] {
  const via = `English title via ${ref.meta.source.repo}@${ref.meta.source.commit} (translations/en/global_indicators.yml); may lag the 2025 comprehensive review`;
  return ref.indicators.map((i) => ({
    id: i.id,
    target: i.target,
    title: i.title,
    status: i.status,
    source: source(
      INDICATOR_FRAMEWORK,
      `Indicator ${i.id}`,
      INDICATOR_FRAMEWORK_URL,
      i.status_note ? `${via}. Obsolete: ${i.status_note}` : via,
    ),
  }));
}

/**
 * Which of a line's evidence pages to cite for one facilitator: an entity's own account of its
 * roles ("ITU: facilitator of C2, C5; …") first, else the first page that names it, else the first
 * page with a usable URL. `facilitatorEvidenceOverrides` settles the cases where that rule picks a
 * page that contradicts the role.
 */
const facilitatorEvidenceOverrides: Record<string, string> = {
  // ITU's own report calls it co-facilitator of C4; the 2017 ITU report lists it as the C4 facilitator.
  'C4|ITU':
    'https://vdocuments.site/wsis-action-lines-supporting-transformation-towards-sustainable-and-resilient-2017.html',
};

function pickFacilitatorEvidence(lineId: string, entity: string, evidence: string[]): string {
  const usable = evidence.filter((e) => parseEvidence(e).url !== null);
  const override = facilitatorEvidenceOverrides[`${lineId}|${entity}`];
  const chosen = override
    ? usable.find((e) => parseEvidence(e).url === override)
    : (usable.find((e) => parseEvidence(e).description.startsWith(`${entity}:`)) ??
      usable.find((e) => mentions(parseEvidence(e).description, entity)) ??
      usable[0]);
  if (!chosen) throw new Error(`No usable evidence for ${entity} on ${lineId}`);
  return chosen;
}

function buildActionLines(lines: RefActionLine[]): Pick<Seed, 'actionLines' | 'facilitators'> {
  const actionLines: Seed['actionLines'] = [];
  const facilitators: Seed['facilitators'] = [];

  const addFacilitators = (lineId: string, f: RefFacilitators) => {
    const confidenceFor = confidenceByRole(f.confidence);
    // ITU calls itself a 'partner' (not a facilitator) of C8 and C9; the reference records it in the note.
    const partners = [...(f.note ?? '').matchAll(/(\S+) describes itself as a 'partner'/g)].map((m) => m[1]!);
    const roles = [
      ...f.lead.map((name) => ({ name, role: 'lead' as const })),
      ...f.co.map((name) => ({ name, role: 'co' as const })),
      ...partners.map((name) => ({ name, role: 'partner' as const })),
    ];
    for (const { name, role } of roles) {
      const entity = name.split(' (')[0]!; // "APC (proposed 2006, non-UN)" → "APC"
      const evidence = pickFacilitatorEvidence(lineId, entity, f.evidence);
      // The reference's line notes are kept only on the links of the entity they talk about.
      const note = [f.note, f.historical && `Historical: ${f.historical}`]
        .filter((n): n is string => !!n && mentions(n, entity))
        .join(' ');
      const confidence = confidenceFor(role);
      facilitators.push(
        compact({
          actionLine: lineId,
          entity,
          role,
          status: statusFor(confidence),
          confidence,
          source: sourceFromEvidence(evidence, note || undefined),
        }),
      );
    }
  };

  lines.forEach((line, index) => {
    actionLines.push({
      id: line.id,
      title: line.title,
      titleGeneva2003: line.title_geneva_2003 ?? line.title,
      kind: 'line',
      ordinal: index + 1,
      partOf: null,
      source: source(
        GENEVA_PLAN,
        line.id,
        GENEVA_PLAN_URL,
        'Short title as listed by ITU: https://itu.int/net4/wsis/forum/2019/Agenda/ViewSession/231',
      ),
    });
    addFacilitators(line.id, line.facilitators);
    for (const sub of line.sub_lines ?? []) {
      if (sub.ordinal === undefined) throw new Error(`Sub-line ${sub.id} has no ordinal`);
      actionLines.push({
        id: sub.id,
        title: sub.title,
        titleGeneva2003: sub.title_geneva_2003 ?? sub.title,
        kind: 'subline',
        ordinal: sub.ordinal,
        partOf: line.id,
        source: source(
          GENEVA_PLAN,
          `${line.id}, ${sub.title}`,
          GENEVA_PLAN_URL,
          'Sub-line titles as listed at http://wsis.ae/en/WSIS/Action-Lines',
        ),
      });
      addFacilitators(sub.id, sub.facilitators);
    }
  });
  return { actionLines, facilitators };
}

function buildEntities(ref: RefUngis, facilitators: Seed['facilitators']): Seed['entities'] {
  const kindOf = (id: string) => {
    const kind = entityKinds[id];
    if (!kind) throw new Error(`Add the UN-system kind of ${id} to entityKinds in tools/build-seed.ts`);
    return kind;
  };
  // ROADMAP-CONTEXT.md: the updated UNGIS adds ODET and OHCHR as members.
  const namedForUpdatedUngis = new Set(['ODET', 'OHCHR']);
  const entities: Seed['entities'] = ref.members.map((m) => {
    const membershipConfidence = membershipLevel(m.membership_confidence);
    const note = namedForUpdatedUngis.has(m.acronym)
      ? `Also named as a member of the updated UNGIS in ${SWISS_PROPOSALS} (¶28) and the "WSIS Plus" non-paper (§7.1)`
      : undefined;
    return {
      id: m.acronym,
      name: m.name,
      kind: kindOf(m.acronym),
      ungisMember: true,
      verified: membershipConfidence === 'high',
      membershipConfidence,
      source: sourceFromEvidence(m.evidence[0]!, note),
    };
  });
  for (const c of ref.candidates_unverified) {
    // "<repository file>, and https://… (what the page says)": cite the page, mention the file.
    const pageAt = c.source.indexOf('https://');
    if (pageAt < 0) throw new Error(`The candidate source of ${c.acronym} has no page URL`);
    const alsoRead = c.source.slice(0, pageAt).replace(/,?\s*and\s*$/, '');
    const { url, description } = parseEvidence(c.source.slice(pageAt));
    if (!url || !evidencePages[url]) throw new Error(`Add a document title for the candidate source of ${c.acronym}`);
    entities.push({
      id: c.acronym,
      name: c.name,
      kind: kindOf(c.acronym),
      ungisMember: false,
      verified: false,
      membershipConfidence: membershipLevel(c.membership_confidence),
      source: source(
        evidencePages[url].document,
        description,
        url,
        `Listed as a likely UNGIS member (${c.why_listed}); membership not verified. Also: ${alsoRead}`,
      ),
    });
  }
  // Facilitators named by the action-line file that neither UNGIS list holds (e.g. APC, non-UN).
  const known = new Set(entities.map((e) => e.id));
  for (const f of facilitators) {
    if (known.has(f.entity)) continue;
    const name = nonUnNames[f.entity];
    if (!name) throw new Error(`Facilitator ${f.entity} is in no UNGIS list: add its full name to nonUnNames`);
    known.add(f.entity);
    entities.push({
      id: f.entity,
      name,
      kind: 'non-un',
      ungisMember: false,
      verified: false,
      membershipConfidence: 'unverified',
      source: {
        ...f.source,
        note: `Named as ${f.role === 'co' ? 'co-facilitator' : `${f.role} facilitator`} of ${f.actionLine}; not a UN entity`,
      },
    });
  }
  return entities;
}

function buildGdc(ref: RefGdc): Pick<Seed, 'gdcObjectives' | 'gdcCommitments' | 'commitmentSdgs'> {
  const sectionTitle = new Map(ref.sections.map((s) => [s.id, s.title]));
  const gdcObjectives = ref.objectives.map((o) => ({
    id: String(o.id),
    title: o.title,
    verified: o.confidence === 'high',
    confidence: o.confidence,
    source: source(
      GDC,
      `Objective ${o.id}`,
      GDC_URL,
      [`Title seen in: ${o.evidence.join('; ')}`, o.note].filter(Boolean).join('. '),
    ),
  }));
  // 'ai-fund' and any other record without a paragraph cannot be cited by paragraph: left out.
  const numbered = ref.commitments.filter(
    (c): c is typeof c & { paragraph: number; label: string } => c.paragraph !== null && c.label !== null,
  );
  const evidenceNote = (c: (typeof numbered)[number]) =>
    [`Evidence: ${c.evidence.join('; ')}`, c.note].filter(Boolean).join('. ');
  const gdcCommitments = numbered.map((c) => {
    const title = sectionTitle.get(c.section);
    if (!title) throw new Error(`Commitment ${c.id} names unknown section ${c.section}`);
    return {
      id: c.id,
      label: c.label,
      paragraph: c.paragraph,
      letter: c.letter,
      objective: String(c.objective),
      section: c.section,
      sectionTitle: title,
      summary: c.summary,
      verified: c.confidence === 'high',
      confidence: c.confidence,
      source: source(GDC, `para ${c.label}`, GDC_URL, evidenceNote(c)),
    };
  });
  const commitmentSdgs = numbered.flatMap((c) =>
    c.sdgs.map((sdg) => ({
      commitment: c.id,
      sdg: String(sdg),
      status: statusFor(c.confidence),
      confidence: c.confidence,
      source: source(GDC, `para ${c.label}`, GDC_URL, `SDG cited in the text after the commitment. ${evidenceNote(c)}`),
    })),
  );
  return { gdcObjectives, gdcCommitments, commitmentSdgs };
}

/**
 * Entity actions that GDC-SOURCES.md reports under a commitment on the ITU WSIS–GDC report
 * (e.g. "an ITC action under 42(b)"). Only these are seeded; no responsibility is invented.
 */
function buildResponsibilities(
  gdcSources: string,
  commitments: Seed['gdcCommitments'],
): Seed['commitmentResponsibilities'] {
  const out: Seed['commitmentResponsibilities'] = [];
  for (const row of gdcSources.split('\n').filter((l) => l.startsWith('|'))) {
    const url = /`(https:\/\/www\.itu\.int\/reports\/wsis-gdc-implementation\/[^`]+)`/.exec(row)?.[1];
    if (!url) continue;
    for (const m of row.matchAll(/\b([A-Z][A-Za-z]+) action under (\d+)\(([a-z])\)/g)) {
      const [, entity, paragraph, letter] = m;
      const commitment = commitments.find((c) => c.id === `${paragraph}${letter}`);
      if (!commitment)
        throw new Error(`GDC-SOURCES.md names ${paragraph}(${letter}), which is not a seeded commitment`);
      const page = evidencePages[url];
      if (!page) throw new Error(`Add a document title for ${url} to evidencePages`);
      out.push({
        commitment: commitment.id,
        entity: entity!,
        role: 'contributor',
        status: 'proposed',
        confidence: 'high',
        rationale: `The ITU WSIS–GDC implementation report lists an ${entity} action under ${commitment.label}`,
        source: source(page.document, `${commitment.label}: actions by UN entities (${entity})`, url),
      });
    }
  }
  if (out.length === 0)
    throw new Error('GDC-SOURCES.md no longer names any entity action under a commitment: check the parser');
  return out;
}

/**
 * GDC themes that the WSIS+20 proposals link to action lines (ROADMAP-CONTEXT.md table), mapped
 * to the GDC sections that hold the theme's commitments. DPI/DPG (s3) and human rights (s5) have
 * no action line named: they stay gaps on purpose.
 */
interface AlignmentTheme {
  /** Start of the theme's row in the ROADMAP-CONTEXT.md table. */
  row: string;
  theme: string;
  sections: string[];
  /** Action line → why the proposal names it. */
  actionLines: Record<string, string>;
  source: { document: string; locator: string; note?: string };
}

const alignmentThemes: AlignmentTheme[] = [
  {
    row: 'Digital divides',
    theme: 'universal, meaningful and affordable connectivity',
    sections: ['s1'],
    actionLines: { C2: 'infrastructure' },
    source: { document: SWISS_PROPOSALS, locator: '¶1–2', note: 'Also the "WSIS Plus" non-paper, §6.1' },
  },
  {
    row: 'Digital divides',
    theme: 'digital skills',
    sections: ['s2'],
    actionLines: { C4: 'capacity building' },
    source: { document: SWISS_PROPOSALS, locator: '¶1–2', note: 'Also the "WSIS Plus" non-paper, §6.1' },
  },
  {
    row: 'Artificial intelligence',
    theme: 'artificial intelligence',
    sections: ['s13'],
    actionLines: { C10: 'ethics of human-centric AI governance', C4: 'AI capacity building' },
    source: {
      document: WSIS_PLUS_NON_PAPER,
      locator: '§6.2',
      note: `${SWISS_PROPOSALS}, ¶3–5, ask all facilitators to add AI to their workplans`,
    },
  },
  {
    row: 'Information integrity',
    theme: 'information integrity',
    sections: ['s8'],
    actionLines: { C5: 'confidence and security' },
    source: { document: WSIS_PLUS_NON_PAPER, locator: '§6.3' },
  },
  {
    row: 'Data governance',
    theme: 'data governance (protecting knowledge, linguistic and cultural diversity)',
    sections: ['s9', 's10', 's11', 's12'],
    actionLines: { C3: 'access to information and knowledge', C5: 'confidence and security' },
    source: { document: WSIS_PLUS_NON_PAPER, locator: '§6.4' },
  },
];

function buildAlignments(roadmapContext: string, commitments: Seed['gdcCommitments']): Seed['actionLineAlignments'] {
  const out: Seed['actionLineAlignments'] = [];
  for (const theme of alignmentThemes) {
    // Guard against the context document changing under us: the row, its lines and locator must still be there.
    const row = roadmapContext.split('\n').find((l) => l.startsWith(`| ${theme.row}`));
    if (!row) throw new Error(`ROADMAP-CONTEXT.md has no "${theme.row}" row any more`);
    for (const line of Object.keys(theme.actionLines)) {
      if (!mentions(row, line)) throw new Error(`ROADMAP-CONTEXT.md row "${theme.row}" no longer names ${line}`);
    }
    if (!row.includes(theme.source.locator))
      throw new Error(`ROADMAP-CONTEXT.md row "${theme.row}" no longer cites ${theme.source.locator}`);
    const inTheme = commitments.filter((c) => theme.sections.includes(c.section));
    for (const [line, why] of Object.entries(theme.actionLines)) {
      for (const c of inTheme) {
        out.push({
          actionLine: line,
          commitment: c.id,
          status: 'proposed',
          rationale: `GDC theme "${theme.theme}" (${c.sectionTitle}) is linked to ${line} (${why}) in the WSIS+20 proposals`,
          source: source(theme.source.document, theme.source.locator, null, theme.source.note),
        });
      }
    }
  }
  return out;
}

function buildMatrix(ref: RefMatrix): Pick<Seed, 'actionLineSdgTargets' | 'actionLineSdgs'> {
  const { repo, commit, path: file } = ref.meta.source;
  const transcription = `Transcribed in ${repo}@${commit} (${file}, 2017 "Verified data"); rationale texts not copied (no licence)`;
  const actionLineSdgTargets: Seed['actionLineSdgTargets'] = [];
  const actionLineSdgs: Seed['actionLineSdgs'] = [];
  for (const row of ref.links) {
    for (const target of row.sdg_targets) {
      actionLineSdgTargets.push({
        actionLine: row.action_line,
        target,
        status: 'endorsed',
        confidence: 'medium',
        source: source(SDG_MATRIX, `${row.action_line} → target ${target}`, SDG_MATRIX_URL, transcription),
      });
    }
    for (const goal of row.goal_level_links) {
      actionLineSdgs.push({
        actionLine: row.action_line,
        sdg: String(goal),
        status: 'endorsed',
        confidence: 'medium',
        source: source(SDG_MATRIX, `${row.action_line} → Goal ${goal} (whole goal)`, SDG_MATRIX_URL, transcription),
      });
    }
    // A goal column with neither target nor rationale is weaker evidence.
    for (const goal of row.goal_cells_without_target_or_rationale) {
      actionLineSdgs.push({
        actionLine: row.action_line,
        sdg: String(goal),
        status: statusFor('low'),
        confidence: 'low',
        source: source(
          SDG_MATRIX,
          `${row.action_line} → Goal ${goal} (goal column without target or rationale)`,
          SDG_MATRIX_URL,
          transcription,
        ),
      });
    }
  }
  return { actionLineSdgTargets, actionLineSdgs };
}

// ---------------------------------------------------------------------------------------------

function buildSeed(): Seed {
  const { actionLines, facilitators } = buildActionLines(
    readJson<{ action_lines: RefActionLine[] }>('wsis-action-lines.json').action_lines,
  );
  const { sdgs, sdgTargets } = buildSdgs(readJson<RefSdgs>('sdg.json'));
  const { gdcObjectives, gdcCommitments, commitmentSdgs } = buildGdc(readJson<RefGdc>('gdc-structure.json'));
  const { actionLineSdgTargets, actionLineSdgs } = buildMatrix(readJson<RefMatrix>('wsis-sdg-matrix.json'));
  return {
    actionLines,
    gdcObjectives,
    gdcCommitments,
    sdgs,
    sdgTargets,
    sdgIndicators: buildIndicators(readJson<RefIndicators>('sdg-indicators.json')),
    entities: buildEntities(readJson<RefUngis>('ungis-members.json'), facilitators),
    facilitators,
    commitmentResponsibilities: buildResponsibilities(readText('GDC-SOURCES.md'), gdcCommitments),
    actionLineAlignments: buildAlignments(readText('ROADMAP-CONTEXT.md'), gdcCommitments),
    actionLineSdgTargets,
    actionLineSdgs,
    commitmentSdgs,
  };
}

// ---------------------------------------------------------------------------------------------
// SDG labels in the other five UN languages (English is in the records themselves).

interface RefTranslations {
  meta: { source: string; commit: string; license: string; languages: string[] };
  goals: Record<string, Record<string, { short?: string; title?: string }>>;
  targets: Record<string, Record<string, string>>;
  indicators: Record<string, Record<string, string>>;
}

/**
 * Half the source's texts are in decomposed Unicode (e + combining accent); the analyzers and
 * every client expect composed text (NFC), so labels are stored composed. The wording is unchanged.
 */
const nfc = (text: string) => text.normalize('NFC');

/** The source calls simplified Chinese zh-Hans; the API says zh (the UN's Chinese). */
const apiLanguage = (sourceLanguage: string) => (sourceLanguage === 'zh-Hans' ? 'zh' : sourceLanguage);

function buildSdgLabels(ref: RefTranslations): SdgLabels {
  const pick = (byLanguage: Record<string, string>) =>
    Object.fromEntries(Object.entries(byLanguage).map(([lang, text]) => [apiLanguage(lang), nfc(text)]));
  return {
    source: {
      document: 'open-sdg/sdg-translations (MIT, Copyright (c) 2019 Open SDG)',
      locator: 'translations/{ar,zh-Hans,es,fr,ru}/global_{goals,targets,indicators}.yml',
      url: `https://github.com/open-sdg/sdg-translations/tree/${ref.meta.commit}/translations`,
      note: 'Official UN wording as collected by Open SDG, stored in composed Unicode (NFC); a label missing here is served in English.',
    },
    goals: Object.fromEntries(
      Object.entries(ref.goals).map(([goal, byLanguage]) => [
        goal,
        Object.fromEntries(
          Object.entries(byLanguage).map(([lang, g]) => [
            apiLanguage(lang),
            compact({ title: g.title && nfc(g.title), shortTitle: g.short && nfc(g.short) }),
          ]),
        ),
      ]),
    ),
    targets: Object.fromEntries(Object.entries(ref.targets).map(([id, byLanguage]) => [id, pick(byLanguage)])),
    indicators: Object.fromEntries(Object.entries(ref.indicators).map(([id, byLanguage]) => [id, pick(byLanguage)])),
  };
}

async function main(): Promise<void> {
  const seed = buildSeed();
  const labels = sdgLabelsSchema.parse(buildSdgLabels(readJson<RefTranslations>('sdg-translations.json')));
  try {
    validateSeed(seed, 'seed');
  } catch (error) {
    if (error instanceof SeedValidationError) {
      console.error('The generated seed is invalid; nothing was written:');
      for (const p of error.problems) console.error(`  ${formatProblem(p)}`);
      process.exit(1);
    }
    throw error;
  }
  await mkdir(seedDir, { recursive: true });
  for (const key of Object.keys(seedFiles) as SeedKey[]) {
    await writeFile(path.join(seedDir, seedFiles[key].file), `${JSON.stringify(seed[key], null, 2)}\n`);
  }
  await writeFile(path.join(seedDir, sdgLabelsFile), `${JSON.stringify(labels, null, 2)}\n`);
  const counts = Object.fromEntries(
    (Object.keys(seedFiles) as SeedKey[]).map((k) => [seedFiles[k].file, seed[k].length]),
  );
  console.log(JSON.stringify({ referenceDir, written: counts }));
}

await main();
