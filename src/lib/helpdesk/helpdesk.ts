import type { ManagedTransaction } from 'neo4j-driver';
import type { WhenConsistent } from '../../db/consistency.js';
import { readChains, readNode } from '../../db/helpdesk.js';
import type { Language } from '../i18n/languages.js';
import { notFound } from '../problems.js';
import { type SearchKind, searchKinds } from '../search/kinds.js';
import { searchRoadmap } from '../search/search.js';
import { type Contact, rankContacts } from './ranking.js';

/** A question to the help desk: words, or one roadmap node by id. */
export type Question = { q: string } | { target: string } | { commitment: string } | { actionLine: string };

const byId = {
  target: { label: 'SdgTarget', what: 'SDG target' },
  commitment: { label: 'GdcCommitment', what: 'GDC commitment' },
  actionLine: { label: 'ActionLine', what: 'action line' },
} as const;

/**
 * Which search hits a question in words is routed from: those scoring at least this share of the
 * best hit, at most MAX_STARTS of them, so that a stray word does not drown the real topic.
 */
const RELATIVE_CUTOFF = 0.3;
const MAX_STARTS = 15;
/** GDC objectives are too broad to route from: everything under them would match. */
const routedKinds = (Object.keys(searchKinds) as SearchKind[]).filter((k) => k !== 'gdc-objective');

export interface Matched {
  kind: string;
  id: string;
  title: string;
  relevance: number;
}

export interface HelpdeskAnswer {
  found: boolean;
  message: string;
  matched: Matched[];
  contacts: Contact[];
  suggestions: string[];
}

const kindOf = (label: string) => Object.entries(searchKinds).find(([, l]) => l === label)?.[0] ?? label;

/** Answers "whom do I contact about …?" from the graph (ranking rules: ./ranking.ts). */
export async function askHelpdesk(
  tx: ManagedTransaction,
  revision: number,
  question: Question,
  language: Language,
  whenConsistent: WhenConsistent,
): Promise<HelpdeskAnswer> {
  let matched: Matched[];
  let suggestions: string[] = [];
  if ('q' in question) {
    const outcome = await searchRoadmap(
      tx,
      revision,
      {
        q: question.q,
        language,
        syntax: 'words',
        kinds: routedKinds,
        window: { offset: 0, limit: MAX_STARTS },
      },
      whenConsistent,
    );
    const top = outcome.hits[0]?.score ?? 0;
    matched = outcome.hits
      .filter((h) => h.score >= top * RELATIVE_CUTOFF)
      .map((h) => ({ kind: h.kind, id: h.id, title: h.title, relevance: Math.round((h.score / top) * 1000) / 1000 }));
    suggestions = outcome.suggestions;
  } else {
    const [param, id] = Object.entries(question)[0] as [keyof typeof byId, string];
    const { label, what } = byId[param];
    const node = await readNode(tx, id, label, language);
    if (!node) throw notFound(`No ${what} ${id}.`, [{ path: `query.${param}`, message: `unknown ${what}` }]);
    matched = [{ kind: kindOf(label), id: node.id, title: node.title ?? node.id, relevance: 1 }];
  }

  const labelOf = (kind: string) => searchKinds[kind as keyof typeof searchKinds];
  const chains = matched.length
    ? await readChains(
        tx,
        matched.map((m) => ({ id: m.id, label: labelOf(m.kind) })),
        language,
      )
    : [];
  const contacts = rankContacts(chains, new Map(matched.map((m) => [m.id, m.relevance])));
  for (const reason of contacts.flatMap((c) => c.reasons)) reason.start.kind = kindOf(reason.start.kind);

  let message: string;
  if (matched.length === 0) {
    message = suggestions.length
      ? `Nothing in the roadmap matches this question. Closest terms: ${suggestions.join(', ')}.`
      : 'Nothing in the roadmap matches this question.';
  } else if (contacts.length === 0) {
    message = `The question matches ${matched.length} roadmap item(s), but no UN entity is linked to them yet.`;
  } else {
    message = `${contacts.length} UN entit${contacts.length === 1 ? 'y' : 'ies'} to contact, best first.`;
  }
  return { found: contacts.length > 0, message, matched, contacts, suggestions };
}
