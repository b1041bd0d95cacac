import type { MatrixAxis, MatrixQuery } from '../schemas/matrix.js';
import { badRequest } from '../lib/problems.js';

/**
 * The meaning of every rows × cols pair of GET /v1/matrix, in one table.
 *
 * Each meaningful pair runs ONE named query (cypher/matrix/<family>.cypher) that returns the member
 * sets it uses and its links; the pair only decides which end of a link is the row and which the
 * column (pairs and their transposes share a family) and whether a GDC commitment is rolled up to
 * its objective. Pairs that make no sense name why (400).
 */
export type Family =
  | 'line-commitment'
  | 'line-sdg'
  | 'line-target'
  | 'commitment-sdg'
  | 'entity-line'
  | 'entity-commitment';

/** The member set a link end belongs to, i.e. the field of a link row that names it. */
export type LinkEnd = 'line' | 'commitment' | 'objective' | 'sdg' | 'target' | 'entity';

export const endOfAxis: Record<MatrixAxis, LinkEnd> = {
  'action-lines': 'line',
  'gdc-commitments': 'commitment',
  'gdc-objectives': 'objective',
  sdgs: 'sdg',
  'sdg-targets': 'target',
  entities: 'entity',
};

export interface Pivot {
  family: Family;
  /** One sentence: what a cell means. */
  meaning: string;
}

type Row = MatrixQuery['rows'];
type Col = MatrixQuery['cols'];

const valid = (family: Family, meaning: string): Pivot => ({ family, meaning });
const invalid = (why: string) => ({ invalid: why });

export const pivotTable: Record<Row, Record<Col, Pivot | { invalid: string }>> = {
  'action-lines': {
    'gdc-commitments': valid(
      'line-commitment',
      'the line ALIGNS_WITH the commitment; entities: facilitators of the line who are also responsible for the commitment',
    ),
    'gdc-objectives': valid(
      'line-commitment',
      'the line ALIGNS_WITH a commitment under the objective (rolled up, via = the commitment); entities: facilitators of the line also responsible for that commitment',
    ),
    sdgs: valid(
      'line-sdg',
      'the line SUPPORTS the goal directly (via = null) or one of its targets (rolled up, via = the target); with derived=true also line ALIGNS_WITH commitment CONTRIBUTES_TO goal (derived, via = the commitment); entities: facilitators of the line',
    ),
    'sdg-targets': valid(
      'line-target',
      'the line SUPPORTS the target directly (goal-level SUPPORTS are not pushed down to targets); entities: facilitators of the line',
    ),
    entities: valid(
      'entity-line',
      'the entity FACILITATES the line (role lead|co|partner); entities: that entity with its role',
    ),
    'action-lines': invalid(
      'no roadmap link joins two action lines (C7 sub-lines are structure, listed as rows of their own)',
    ),
  },
  'gdc-commitments': {
    'gdc-commitments': invalid('no roadmap link joins two GDC commitments'),
    'gdc-objectives': invalid(
      'a commitment belongs to exactly one objective (structure, not a link); use ?objective= to narrow commitments',
    ),
    sdgs: valid(
      'commitment-sdg',
      'the commitment CONTRIBUTES_TO the goal (the SDGs the GDC text cites); entities: entities responsible for the commitment',
    ),
    'sdg-targets': invalid('GDC commitments are linked to whole SDGs, never to targets; use cols=sdgs'),
    entities: valid(
      'entity-commitment',
      'the entity is RESPONSIBLE_FOR the commitment (role lead|co|contributor); entities: that entity with its role',
    ),
    'action-lines': valid('line-commitment', 'the transpose of rows=action-lines&cols=gdc-commitments'),
  },
  'gdc-objectives': {
    'gdc-commitments': invalid(
      'a commitment belongs to exactly one objective (structure, not a link); use ?objective= to narrow commitments',
    ),
    'gdc-objectives': invalid('no roadmap link joins two GDC objectives'),
    sdgs: valid(
      'commitment-sdg',
      'a commitment under the objective CONTRIBUTES_TO the goal (rolled up, via = the commitment); entities: entities responsible for that commitment',
    ),
    'sdg-targets': invalid('GDC commitments are linked to whole SDGs, never to targets; use cols=sdgs'),
    entities: valid(
      'entity-commitment',
      'the entity is RESPONSIBLE_FOR a commitment under the objective (rolled up, via = the commitment)',
    ),
    'action-lines': valid('line-commitment', 'the transpose of rows=action-lines&cols=gdc-objectives'),
  },
  entities: {
    'gdc-commitments': valid('entity-commitment', 'the transpose of rows=gdc-commitments&cols=entities'),
    'gdc-objectives': valid('entity-commitment', 'the transpose of rows=gdc-objectives&cols=entities'),
    sdgs: invalid(
      'entities reach SDGs only through action lines or commitments; use rows=action-lines&cols=sdgs&entity=<id>',
    ),
    'sdg-targets': invalid(
      'entities reach SDG targets only through action lines; use rows=action-lines&cols=sdg-targets&entity=<id>',
    ),
    entities: invalid('no roadmap link joins two entities'),
    'action-lines': valid('entity-line', 'the transpose of rows=action-lines&cols=entities'),
  },
};

/** The member sets each family can narrow with ?objective= and ?goal=. */
const familyUses: Record<Family, { objective: boolean; goal: boolean }> = {
  'line-commitment': { objective: true, goal: false },
  'line-sdg': { objective: false, goal: true }, // objective only with derived=true (the hop commitments)
  'line-target': { objective: false, goal: true },
  'commitment-sdg': { objective: true, goal: true },
  'entity-line': { objective: false, goal: false },
  'entity-commitment': { objective: true, goal: false },
};

/** Validates the pivot and its filters (400 naming why), returning the family to run. */
export function resolvePivot(query: MatrixQuery): Pivot {
  const pivot = pivotTable[query.rows][query.cols];
  if ('invalid' in pivot) {
    throw badRequest(`rows=${query.rows} × cols=${query.cols} makes no sense: ${pivot.invalid}.`, [
      { path: 'query.cols', message: `not allowed with rows=${query.rows}: ${pivot.invalid}` },
    ]);
  }
  const derivedAllowed = query.rows === 'action-lines' && query.cols === 'sdgs';
  if (query.derived && !derivedAllowed) {
    throw badRequest('derived=true applies only to rows=action-lines&cols=sdgs (line → commitment → SDG paths).', [
      { path: 'query.derived', message: 'only with rows=action-lines&cols=sdgs' },
    ]);
  }
  const uses = familyUses[pivot.family];
  const objectiveOk = uses.objective || (pivot.family === 'line-sdg' && query.derived);
  if (query.objective !== undefined && !objectiveOk) {
    throw badRequest(
      `objective narrows GDC commitments or objectives, and rows=${query.rows}&cols=${query.cols}${pivot.family === 'line-sdg' ? ' without derived=true' : ''} uses none.`,
      [{ path: 'query.objective', message: 'this pivot has no GDC commitment or objective to narrow' }],
    );
  }
  if (query.goal !== undefined && !uses.goal) {
    throw badRequest(`goal narrows SDGs or SDG targets, and rows=${query.rows}&cols=${query.cols} uses neither.`, [
      { path: 'query.goal', message: 'this pivot has no SDG or target to narrow' },
    ]);
  }
  return pivot;
}

/** Markdown-ish text of the table, for the route description (and the README). */
export function describePivots(): string {
  const lines: string[] = [];
  for (const [rows, byCol] of Object.entries(pivotTable)) {
    for (const [cols, pivot] of Object.entries(byCol)) {
      lines.push(`- rows=${rows} × cols=${cols}: ${'invalid' in pivot ? `400 — ${pivot.invalid}` : pivot.meaning}`);
    }
  }
  return lines.join('\n');
}
