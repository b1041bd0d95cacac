import type { ManagedTransaction } from 'neo4j-driver';
import { cypher } from '../../../db/cypher.js';
import { run } from '../../../db/db.js';
import { asQueryError } from '../../../db/errors.js';
import { badRequest } from '../../../lib/problems.js';
import type {
  Matrix,
  MatrixCell,
  MatrixCellEntity,
  MatrixCellLink,
  MatrixMember,
  MatrixQuery,
} from '../../../schemas/matrix.js';
import type { Language } from '../../../lib/i18n/languages.js';
import { endOfAxis, type LinkEnd, type Pivot } from './pivots.js';

type LinkStatus = MatrixCellLink['status'];

/** One link row as the cypher/matrix/<family>.cypher queries return it (ends a family does not use are absent). */
interface LinkRow extends Omit<MatrixCellLink, 'via'> {
  via: string | null;
  line?: string;
  commitment?: string;
  objective?: string;
  sdg?: string;
  target?: string;
  entity?: string;
  entities: MatrixCellEntity[];
}

type MemberSet = 'lines' | 'commitments' | 'objectives' | 'sdgs' | 'targets' | 'entities';

const setOfEnd: Record<LinkEnd, MemberSet> = {
  line: 'lines',
  commitment: 'commitments',
  objective: 'objectives',
  sdg: 'sdgs',
  target: 'targets',
  entity: 'entities',
};

/** Default: every link that is not retired. */
export const statusesOf = (query: Pick<MatrixQuery, 'status'>): LinkStatus[] =>
  query.status ? [query.status] : ['proposed', 'endorsed'];

/** The query normalised (defaults filled, fixed key order): the cache key and the ETag variant. */
export function normalizeMatrixQuery(query: MatrixQuery, language: Language): string {
  const parts: [string, string | number | boolean | undefined][] = [
    ['rows', query.rows],
    ['cols', query.cols],
    ['status', query.status],
    ['objective', query.objective],
    ['goal', query.goal],
    ['entity', query.entity],
    ['derived', query.derived || undefined],
    ['language', language === 'en' ? undefined : language],
  ];
  return parts
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
}

const ROLE_ORDER: Record<string, number> = { lead: 0, co: 1, partner: 2, contributor: 2 };

function mergeEntities(into: MatrixCellEntity[], more: MatrixCellEntity[]): void {
  for (const e of more) {
    const same = into.some((x) => x.id === e.id && x.role === e.role && x.commitmentRole === e.commitmentRole);
    if (!same) into.push(e.commitmentRole === undefined || e.commitmentRole === null ? { id: e.id, role: e.role } : e);
  }
}

/**
 * Reads a matrix inside the caller's read transaction: the two member lists (cypher/matrix/members/),
 * then the pivot's links (cypher/matrix/<family>.cypher) as a stream of small records, each folded
 * into its sparse cell as it arrives (no list of every link is ever built, here or in Neo4j).
 * Whether the reads saw one committed state is the caller's consistent read to check.
 */
export async function computeMatrix(
  tx: ManagedTransaction,
  query: MatrixQuery,
  pivot: Pivot,
  language: Language,
): Promise<{ matrix: Matrix }> {
  const params = {
    statuses: statusesOf(query),
    // Node ids are strings in the graph ("1"), integers in the API.
    objective: query.objective === undefined ? null : String(query.objective),
    goal: query.goal === undefined ? null : String(query.goal),
    entity: query.entity ?? null,
    derived: query.derived,
    language,
  };
  if (query.entity !== undefined) {
    const [known] = await run<{ entityKnown: boolean }>(tx, 'matrix/entity-known', params);
    if (!known?.entityKnown) {
      throw badRequest(`No entity ${query.entity}.`, [
        { path: 'query.entity', message: `unknown entity ${query.entity}` },
      ]);
    }
  }

  const rowEnd = endOfAxis[query.rows];
  const colEnd = endOfAxis[query.cols];
  const rows = await run<MatrixMember>(tx, `matrix/members/${setOfEnd[rowEnd]}`, params);
  const columns =
    setOfEnd[colEnd] === setOfEnd[rowEnd]
      ? rows
      : await run<MatrixMember>(tx, `matrix/members/${setOfEnd[colEnd]}`, params);
  const rowIndex = new Map(rows.map((m, i) => [m.id, i]));
  const colIndex = new Map(columns.map((m, i) => [m.id, i]));
  // An objective axis rolls commitments up: the commitment becomes the link's `via`.
  const rollsUpCommitment = rowEnd === 'objective' || colEnd === 'objective';

  const cells = new Map<string, MatrixCell & { r: number; c: number }>();
  const addLink = (link: LinkRow) => {
    const rowId = link[rowEnd];
    const colId = link[colEnd];
    if (rowId === undefined || colId === undefined) return;
    const r = rowIndex.get(rowId);
    const c = colIndex.get(colId);
    if (r === undefined || c === undefined) return; // outside the narrowed sets
    const key = `${r}:${c}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { row: rowId, column: colId, links: [], entities: [], r, c };
      cells.set(key, cell);
    }
    cell.links.push({
      type: link.type,
      status: link.status,
      role: link.role ?? null,
      via: link.via ?? (rollsUpCommitment ? (link.commitment ?? null) : null),
      source: link.source,
      derived: link.derived,
    });
    mergeEntities(cell.entities, link.entities);
  };
  try {
    for await (const record of tx.run(cypher(`matrix/${pivot.family}`), params)) addLink(record.toObject() as LinkRow);
  } catch (error) {
    throw asQueryError(error);
  }

  const ordered = [...cells.values()].sort((a, b) => a.r - b.r || a.c - b.c);
  return {
    matrix: {
      rows,
      columns,
      cells: ordered.map(({ row, column, links, entities }) => ({
        row,
        column,
        links,
        entities: entities.sort(
          (a, b) => (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) || a.id.localeCompare(b.id),
        ),
      })),
    },
  };
}

/**
 * The compact text of a cell in CSV and XLSX: each link as `<status>[@<via>][(derived)]`, links
 * joined with `|`, then `;<role>:<entity>` for each entity named in the cell (commitment roles as
 * `;<role>/<commitmentRole>:<entity>`). e.g. `endorsed;lead:ITU`, `proposed|endorsed@5.b;co:UNESCO`.
 */
export function cellText(cell: Pick<MatrixCell, 'links' | 'entities'> | undefined): string {
  if (!cell) return '';
  const links = cell.links
    .map((l) => `${l.status}${l.via ? `@${l.via}` : ''}${l.derived ? '(derived)' : ''}`)
    .join('|');
  const entities = cell.entities
    .map((e) => `;${e.role}${e.commitmentRole ? `/${e.commitmentRole}` : ''}:${e.id}`)
    .join('');
  return links + entities;
}
