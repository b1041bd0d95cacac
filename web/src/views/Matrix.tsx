import { useEffect, useRef } from 'preact/hooks';
import { api, download, ok, type paths, type Schemas } from '../api';
import { href, navigate, type Route } from '../router';
import { ErrorNote, Loading, linkTo, Page, SourceCite, StatusBadge, useLoad } from '../ui';

type MatrixQuery = NonNullable<paths['/v1/matrix']['get']['parameters']['query']>;
type Rows = NonNullable<MatrixQuery['rows']>;
type Cols = NonNullable<MatrixQuery['cols']>;
type Cell = Schemas['MatrixCell'];

/** The pivots GET /v1/matrix accepts (its route description has the same table). */
export const pivots: Record<Rows, Cols[]> = {
  'action-lines': ['gdc-commitments', 'gdc-objectives', 'sdgs', 'sdg-targets', 'entities'],
  'gdc-commitments': ['sdgs', 'entities', 'action-lines'],
  'gdc-objectives': ['sdgs', 'entities', 'action-lines'],
  entities: ['gdc-commitments', 'gdc-objectives', 'action-lines'],
};

const axisNames: Record<Rows | Cols, string> = {
  'action-lines': 'Action lines',
  'gdc-commitments': 'GDC commitments',
  'gdc-objectives': 'GDC objectives',
  sdgs: 'SDGs',
  'sdg-targets': 'SDG targets',
  entities: 'Entities',
};

const detailLink: Record<Rows | Cols, (id: string) => string> = {
  'action-lines': linkTo.actionLine,
  'gdc-commitments': linkTo.commitment,
  'gdc-objectives': linkTo.objective,
  sdgs: linkTo.sdg,
  'sdg-targets': linkTo.target,
  entities: linkTo.entity,
};

/** "C2 Information and communication infrastructure": ids first, unless the label already starts with it. */
const memberName = (m: { id: string; label: string }) =>
  m.label.startsWith(m.id) || m.label.startsWith(m.id.replace(/^(\d+)([a-z])$/, '$1($2)'))
    ? m.label
    : `${m.id} ${m.label}`;

/** The strongest status in a cell decides its colour: endorsed > proposed > derived only > retired. */
export function cellStatus(cell: Cell): 'endorsed' | 'proposed' | 'derived' | 'retired' | 'entity' {
  const direct = cell.links.filter((l) => !l.derived);
  if (direct.some((l) => l.status === 'endorsed')) return 'endorsed';
  if (direct.some((l) => l.status === 'proposed')) return 'proposed';
  if (cell.links.some((l) => l.derived)) return 'derived';
  if (direct.length > 0) return 'retired';
  return 'entity';
}

const legend = [
  ['endorsed', 'Endorsed link'],
  ['proposed', 'Proposed link (not yet endorsed)'],
  ['derived', 'Derived only (line → commitment → SDG)'],
  ['retired', 'Retired link only'],
  ['entity', 'Entity role, no link'],
] as const;

function queryOf(route: Route) {
  const rowsParam = route.query.get('rows') as Rows | null;
  const rows: Rows = rowsParam && rowsParam in pivots ? rowsParam : 'action-lines';
  const colsParam = route.query.get('cols') as Cols | null;
  const cols: Cols = colsParam && pivots[rows].includes(colsParam) ? colsParam : pivots[rows][0]!;
  const q = route.query;
  const query: MatrixQuery = { rows, cols };
  const status = q.get('status');
  if (status === 'proposed' || status === 'endorsed' || status === 'retired') query.status = status;
  const objective = q.get('objective');
  if (objective && (rows.startsWith('gdc-') || cols.startsWith('gdc-')))
    query.objective = Number(objective) as MatrixQuery['objective'];
  const goal = q.get('goal');
  if (goal && cols.startsWith('sdg')) query.goal = Number(goal) as MatrixQuery['goal'];
  const entity = q.get('entity');
  if (entity) query.entity = entity;
  if (q.get('derived') === 'true' && rows === 'action-lines' && cols === 'sdgs') query.derived = true;
  return query;
}

const asParams = (query: MatrixQuery): Record<string, string> =>
  Object.fromEntries(
    Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );

export function Matrix({ route }: { route: Route }) {
  const query = queryOf(route);
  const params = asParams(query);
  const key = JSON.stringify(params);
  const matrix = useLoad(async () => {
    const started = performance.now();
    const result = ok(await api.GET('/v1/matrix', { params: { query } }));
    return { ...result, fetchedMs: performance.now() - started };
  }, [key]);
  const entities = useLoad(
    async () => ok(await api.GET('/v1/entities', { params: { query: { limit: 500 } } })).data,
    [],
  );
  const selected = { row: route.query.get('cellRow'), column: route.query.get('cellCol') };
  const set = (changes: Record<string, string | undefined>, keepCell = false) => {
    const next = { ...params, ...changes };
    if (keepCell && selected.row && selected.column)
      Object.assign(next, { cellRow: selected.row, cellCol: selected.column });
    navigate(href(['matrix'], next), true);
  };
  const data = matrix.data?.data;
  const cells = new Map<string, Cell>();
  for (const cell of data?.cells ?? []) cells.set(`${cell.row}\u0000${cell.column}`, cell);
  const openCell = selected.row && selected.column ? cells.get(`${selected.row}\u0000${selected.column}`) : undefined;
  const rowsAxis = query.rows!;
  // Lets the browser test read when the first matrix was drawn (performance timeline, no global state).
  useEffect(() => {
    if (data && performance.getEntriesByName('matrix-rendered').length === 0) performance.mark('matrix-rendered');
  }, [data]);
  const colsAxis = query.cols!;

  return (
    <Page title="Roadmap matrix">
      <form class="filters" aria-label="Matrix view" onSubmit={(e) => e.preventDefault()}>
        <label>
          Rows
          <select
            value={rowsAxis}
            onChange={(e) =>
              set({
                rows: e.currentTarget.value,
                cols: undefined,
                objective: undefined,
                goal: undefined,
                derived: undefined,
              })
            }
          >
            {(Object.keys(pivots) as Rows[]).map((r) => (
              <option key={r} value={r}>
                {axisNames[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Columns
          <select
            value={colsAxis}
            onChange={(e) => set({ cols: e.currentTarget.value, goal: undefined, derived: undefined })}
          >
            {pivots[rowsAxis].map((c) => (
              <option key={c} value={c}>
                {axisNames[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={query.status ?? ''} onChange={(e) => set({ status: e.currentTarget.value || undefined })}>
            <option value="">any except retired</option>
            <option value="proposed">proposed</option>
            <option value="endorsed">endorsed</option>
            <option value="retired">retired</option>
          </select>
        </label>
        {rowsAxis.startsWith('gdc-') || colsAxis.startsWith('gdc-') ? (
          <label>
            GDC objective
            <select
              value={query.objective ?? ''}
              onChange={(e) => set({ objective: e.currentTarget.value || undefined })}
            >
              <option value="">all</option>
              {['1', '2', '3', '4', '5'].map((o) => (
                <option key={o} value={o}>
                  Objective {o}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {colsAxis.startsWith('sdg') ? (
          <label>
            SDG
            <select value={query.goal ?? ''} onChange={(e) => set({ goal: e.currentTarget.value || undefined })}>
              <option value="">all</option>
              {Array.from({ length: 17 }, (_, i) => String(i + 1)).map((g) => (
                <option key={g} value={g}>
                  Goal {g}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          Entity
          <select value={query.entity ?? ''} onChange={(e) => set({ entity: e.currentTarget.value || undefined })}>
            <option value="">all</option>
            {(entities.data ?? []).map((en) => (
              <option key={en.id} value={en.id}>
                {en.id}
              </option>
            ))}
          </select>
        </label>
        {rowsAxis === 'action-lines' && colsAxis === 'sdgs' ? (
          <label class="check">
            <input
              type="checkbox"
              checked={query.derived === true}
              onChange={(e) => set({ derived: e.currentTarget.checked ? 'true' : undefined })}
            />
            Add derived cells (line → commitment → SDG)
          </label>
        ) : null}
        <span class="downloads">
          <button
            type="button"
            onClick={() =>
              void download(`/v1/matrix?${new URLSearchParams({ ...params, format: 'csv' })}`, 'roadmap-matrix.csv')
            }
          >
            Download CSV
          </button>
          <button
            type="button"
            onClick={() =>
              void download(`/v1/matrix?${new URLSearchParams({ ...params, format: 'xlsx' })}`, 'roadmap-matrix.xlsx')
            }
          >
            Download Excel
          </button>
        </span>
      </form>
      <ul class="legend" aria-label="Legend">
        {legend.map(([status, text]) => (
          <li key={status}>
            <span class={`swatch heat-${status}`} aria-hidden="true" /> {text}
          </li>
        ))}
      </ul>
      {matrix.error ? <ErrorNote error={matrix.error} /> : null}
      {!data ? (
        matrix.loading ? (
          <Loading what="the matrix" />
        ) : null
      ) : (
        <div class={openCell ? 'matrix-layout with-panel' : 'matrix-layout'}>
          <section
            class="matrix-wrap"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take keyboard focus to scroll (WCAG 2.1.1)
            tabIndex={0}
            aria-label={`${axisNames[rowsAxis]} by ${axisNames[colsAxis]}, scrollable`}
          >
            <table class="matrix" data-rows={data.rows.length} data-cols={data.columns.length}>
              <caption class="visually-hidden">
                {axisNames[rowsAxis]} (rows) by {axisNames[colsAxis]} (columns); {data.cells.length} cells with links or
                roles
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="corner">
                    {axisNames[rowsAxis]} \ {axisNames[colsAxis]}
                  </th>
                  {data.columns.map((c) => (
                    <th key={c.id} scope="col" class="col-head">
                      <a href={detailLink[colsAxis](c.id)} title={c.label}>
                        {c.id}
                      </a>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" class="row-head">
                      <a href={detailLink[rowsAxis](r.id)}>{memberName(r)}</a>
                    </th>
                    {data.columns.map((c) => {
                      const cell = cells.get(`${r.id}\u0000${c.id}`);
                      if (!cell) return <td key={c.id} />;
                      const status = cellStatus(cell);
                      const isOpen = cell === openCell;
                      return (
                        <td key={c.id} class={`heat-${status}`} data-row={r.id} data-col={c.id} data-status={status}>
                          <button
                            type="button"
                            class="cell"
                            aria-pressed={isOpen}
                            aria-label={`${r.id} × ${c.id}: ${status}, ${cell.links.length} link${cell.links.length === 1 ? '' : 's'}, ${cell.entities.length} entit${cell.entities.length === 1 ? 'y' : 'ies'}`}
                            onClick={() =>
                              navigate(href(['matrix'], { ...params, cellRow: r.id, cellCol: c.id }), true)
                            }
                          >
                            {cell.links.length || '·'}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {openCell ? (
            <CellPanel
              cell={openCell}
              rows={rowsAxis}
              cols={colsAxis}
              rowLabel={memberName(data.rows.find((r) => r.id === openCell.row) ?? { id: openCell.row, label: '' })}
              colLabel={data.columns.find((c) => c.id === openCell.column)?.label ?? openCell.column}
              onClose={() => set({}, false)}
            />
          ) : null}
        </div>
      )}
    </Page>
  );
}

/** Rationales are on the action line's own record; the matrix cell names the link and its source. */
function useRationales(rows: Rows, cell: Cell) {
  return useLoad(async () => {
    if (rows !== 'action-lines') return new Map<string, string>();
    const line = ok(await api.GET('/v1/action-lines/{id}', { params: { path: { id: cell.row } } })).data;
    const rationales = new Map<string, string>();
    for (const c of line.commitments) if (c.rationale) rationales.set(c.commitmentId, c.rationale);
    for (const t of line.targets) if (t.rationale) rationales.set(t.targetId, t.rationale);
    for (const g of line.goals) if (g.rationale) rationales.set(String(g.goalId), g.rationale);
    for (const f of line.facilitators) if (f.rationale) rationales.set(`entity:${f.entityId}`, f.rationale);
    return rationales;
  }, [rows, cell.row]);
}

/** The activities filter that one end of a cell sets (none for objectives and whole SDGs). */
function activityFilter(axis: Rows | Cols, id: string): Record<string, string> | null {
  if (axis === 'action-lines') return { actionLine: id };
  if (axis === 'gdc-commitments') return { commitment: id };
  if (axis === 'sdg-targets') return { target: id };
  if (axis === 'entities') return { entity: id };
  return null;
}

/** Activities serving both ends of a cell (when both ends can filter them). */
function useCellActivities(rows: Rows, cols: Cols, cell: Cell) {
  return useLoad(async () => {
    const row = activityFilter(rows, cell.row);
    const col = activityFilter(cols, cell.column);
    if (!row || !col) return null;
    return ok(await api.GET('/v1/activities', { params: { query: { ...row, ...col, limit: 100 } } })).data;
  }, [rows, cols, cell.row, cell.column]);
}

function CellPanel(props: {
  cell: Cell;
  rows: Rows;
  cols: Cols;
  rowLabel: string;
  colLabel: string;
  onClose: () => void;
}) {
  const { cell } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const rationales = useRationales(props.rows, cell);
  const activities = useCellActivities(props.rows, props.cols, cell);
  useEffect(() => heading.current?.focus(), [cell.row, cell.column]);
  const rationaleFor = (end: string) => rationales.data?.get(end);
  return (
    <section class="panel" id="cell-panel" aria-labelledby="cell-panel-h">
      <button type="button" class="close" onClick={props.onClose} aria-label="Close cell details">
        ×
      </button>
      <h2 id="cell-panel-h" tabIndex={-1} ref={heading}>
        <a href={detailLink[props.rows](cell.row)}>{props.rowLabel}</a> ×{' '}
        <a href={detailLink[props.cols](cell.column)}>{props.colLabel}</a>
      </h2>
      <h3>Links</h3>
      {cell.links.length === 0 ? <p>No link in this cell; an entity role only.</p> : null}
      <ul class="links">
        {cell.links.map((l, i) => (
          <li key={`${l.type}-${l.via ?? ''}-${i}`} class="link-item">
            <StatusBadge status={l.status} /> <code>{l.type}</code>
            {l.via ? <> via {l.via}</> : null}
            {l.derived ? <> (derived)</> : null}
            <div>
              Source: <SourceCite source={l.source} />
            </div>
            {rationaleFor(l.via ?? cell.column) ? (
              <div class="rationale">Rationale: {rationaleFor(l.via ?? cell.column)}</div>
            ) : null}
          </li>
        ))}
      </ul>
      <h3>Entities and roles</h3>
      {cell.entities.length === 0 ? (
        <p>No entity holds a role here.</p>
      ) : (
        <ul class="entities">
          {cell.entities.map((e) => (
            <li key={e.id}>
              <a href={linkTo.entity(e.id)}>{e.id}</a>: {e.role}
              {'commitmentRole' in e && e.commitmentRole ? <> (commitment: {String(e.commitmentRole)})</> : null}
              {rationaleFor(`entity:${e.id}`) ? (
                <div class="rationale">Rationale: {rationaleFor(`entity:${e.id}`)}</div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {activities.data ? (
        <>
          <h3>Implementation activities</h3>
          {activities.data.length === 0 ? (
            <p>No activity serves both.</p>
          ) : (
            <ul class="activities">
              {activities.data.map((a) => (
                <li key={a.id}>
                  <a href={linkTo.activity(a.id)}>
                    {a.id} {a.title}
                  </a>{' '}
                  — {a.lead}, {a.status}, due {a.due}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
