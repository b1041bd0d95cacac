import type {
  Matrix,
  MatrixCell,
  MatrixCellEntity,
  MatrixCellLink,
  MatrixMember,
  MatrixQuery,
} from '../schemas/matrix.js';
import type { Language } from '../lib/i18n/languages.js';
import { endOfAxis, type LinkEnd } from './matrix-pivots.js';

type LinkStatus = MatrixCellLink['status'];

/** One link row as the cypher/matrix/<family>.cypher queries return it (ends a family does not use are absent). */
export interface LinkRow extends Omit<MatrixCellLink, 'via'> {
  via: string | null;
  line?: string;
  commitment?: string;
  objective?: string;
  sdg?: string;
  target?: string;
  entity?: string;
  entities: MatrixCellEntity[];
}

export type MemberSet = 'lines' | 'commitments' | 'objectives' | 'sdgs' | 'targets' | 'entities';

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

/** The parameters of the cypher/matrix/ queries for `query`. */
export function matrixParams(query: MatrixQuery, language: Language) {
  return {
    statuses: statusesOf(query),
    // Node ids are strings in the graph ("1"), integers in the API.
    objective: query.objective === undefined ? null : String(query.objective),
    goal: query.goal === undefined ? null : String(query.goal),
    entity: query.entity ?? null,
    derived: query.derived,
    language,
  };
}

/** The member sets of the rows and the columns (cypher/matrix/members/<set>.cypher). */
export function memberSetsOf(query: Pick<MatrixQuery, 'rows' | 'cols'>): { rows: MemberSet; cols: MemberSet } {
  return { rows: setOfEnd[endOfAxis[query.rows]], cols: setOfEnd[endOfAxis[query.cols]] };
}

/**
 * A sparse matrix built one link at a time: each link row (as cypher/matrix/<family>.cypher streams
 * them) is folded into its cell as it arrives, so no list of every link is ever built.
 */
export class MatrixBuilder {
  private readonly rowEnd: LinkEnd;
  private readonly colEnd: LinkEnd;
  private readonly rowIndex: Map<string, number>;
  private readonly colIndex: Map<string, number>;
  // An objective axis rolls commitments up: the commitment becomes the link's `via`.
  private readonly rollsUpCommitment: boolean;
  private readonly cells = new Map<string, MatrixCell & { r: number; c: number }>();

  constructor(
    query: Pick<MatrixQuery, 'rows' | 'cols'>,
    private readonly rows: MatrixMember[],
    private readonly columns: MatrixMember[],
  ) {
    this.rowEnd = endOfAxis[query.rows];
    this.colEnd = endOfAxis[query.cols];
    this.rowIndex = new Map(rows.map((m, i) => [m.id, i]));
    this.colIndex = new Map(columns.map((m, i) => [m.id, i]));
    this.rollsUpCommitment = this.rowEnd === 'objective' || this.colEnd === 'objective';
  }

  add(link: LinkRow): void {
    const rowId = link[this.rowEnd];
    const colId = link[this.colEnd];
    if (rowId === undefined || colId === undefined) return;
    const r = this.rowIndex.get(rowId);
    const c = this.colIndex.get(colId);
    if (r === undefined || c === undefined) return; // outside the narrowed sets
    const key = `${r}:${c}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { row: rowId, column: colId, links: [], entities: [], r, c };
      this.cells.set(key, cell);
    }
    cell.links.push({
      type: link.type,
      status: link.status,
      role: link.role ?? null,
      via: link.via ?? (this.rollsUpCommitment ? (link.commitment ?? null) : null),
      source: link.source,
      derived: link.derived,
    });
    mergeEntities(cell.entities, link.entities);
  }

  matrix(): Matrix {
    const ordered = [...this.cells.values()].sort((a, b) => a.r - b.r || a.c - b.c);
    return {
      rows: this.rows,
      columns: this.columns,
      cells: ordered.map(({ row, column, links, entities }) => ({
        row,
        column,
        links,
        entities: entities.sort(
          (a, b) => (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) || a.id.localeCompare(b.id),
        ),
      })),
    };
  }
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
