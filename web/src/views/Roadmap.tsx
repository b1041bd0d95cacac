import { useState } from 'preact/hooks';
import { api, ok, type Schemas } from '../api';
import { canEdit, useCaller } from '../auth';
import { href, navigate, type Route } from '../router';
import { ErrorNote, Loading, linkTo, Page, SourceCite, useLoad } from '../ui';
import { ActivityForm, ProgressForm } from './ActivityEdit';

type ActivitySummary = Schemas['ActivitySummary'];

/** The activities listed on an action line, commitment, target or entity page. */
export function ActivityList({ activities }: { activities: Array<ActivitySummary & { role?: string }> }) {
  return (
    <section aria-labelledby="act-h" data-section="activities">
      <h2 id="act-h">Implementation activities</h2>
      {activities.length ? (
        <ul>
          {activities.map((a) => (
            <li key={a.id}>
              <a href={linkTo.activity(a.id)}>
                {a.id} {a.title}
              </a>{' '}
              — led by {a.lead}
              {a.role === 'partner' ? ' (partner)' : ''}, {a.status}, {a.start}–{a.due}
            </li>
          ))}
        </ul>
      ) : (
        <p>No activity recorded.</p>
      )}
    </section>
  );
}

/** The entities as [id, label] choices for an activity's lead (loaded only for an editor). */
function useEntityOptions(enabled: boolean) {
  return useLoad(async (): Promise<Array<[string, string]>> => {
    if (!enabled) return [];
    const entities = ok(await api.GET('/v1/entities', { params: { query: { limit: 500 } } })).data;
    return entities.map((e) => [e.id, `${e.id} — ${e.name}`]);
  }, [enabled]);
}

/**
 * One activity with its indicators and yearly progress reports. An editor changes it and reports
 * progress for each open reporting year; a closed year shows its report read-only.
 */
export function ActivityPage({ id }: { id: string }) {
  const editor = canEdit(useCaller());
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState<number | null>(null);
  const page = useLoad(async () => {
    const result = await api.GET('/v1/activities/{id}', { params: { path: { id } } });
    return { activity: ok(result).data, etag: result.response.headers.get('etag') };
  }, [id]);
  const cycles = useLoad(async () => ok(await api.GET('/v1/reporting-cycles')).data, [id]);
  const entities = useEntityOptions(editor);
  if (page.error)
    return (
      <Page title={`Activity ${id}`}>
        <ErrorNote error={page.error} />
      </Page>
    );
  if (!page.data)
    return (
      <Page title={`Activity ${id}`}>
        <Loading what="the activity" />
      </Page>
    );
  const { activity: a, etag } = page.data;
  const reload = () => {
    page.reload();
    cycles.reload();
  };
  const links = (ids: string[], to: (id: string) => string) =>
    ids.length
      ? ids.map((x, i) => (
          <span key={x}>
            {i ? ', ' : ''}
            <a href={to(x)}>{x}</a>
          </span>
        ))
      : '—';
  // Every year with a cycle or a report, newest first.
  const years = [...new Set([...(cycles.data ?? []).map((c) => c.year), ...a.progress.map((p) => p.year)])].sort(
    (x, y) => y - x,
  );
  return (
    <Page title={`${a.id} ${a.title}`}>
      <p>{a.description}</p>
      <dl class="facts" id="activity-facts">
        <dt>Status</dt>
        <dd data-field="status">{a.status}</dd>
        <dt>Period</dt>
        <dd data-field="period">
          {a.start} – {a.due}
        </dd>
        <dt>Lead</dt>
        <dd data-field="lead">
          <a href={linkTo.entity(a.lead)}>{a.lead}</a>
        </dd>
        <dt>Partners</dt>
        <dd data-field="partners">{links(a.partners, linkTo.entity)}</dd>
        <dt>Action lines</dt>
        <dd data-field="actionLines">{links(a.actionLines, linkTo.actionLine)}</dd>
        <dt>GDC commitments</dt>
        <dd data-field="commitments">{links(a.commitments, linkTo.commitment)}</dd>
        <dt>SDG targets</dt>
        <dd data-field="targets">{links(a.targets, linkTo.target)}</dd>
        <dt>Source</dt>
        <dd>
          <SourceCite source={a.source} />
        </dd>
      </dl>
      {editor ? (
        editing ? (
          entities.data ? (
            <ActivityForm
              existing={a}
              etag={etag}
              entities={entities.data}
              onDone={() => {
                setEditing(false);
                reload();
              }}
              onCancel={() => setEditing(false)}
            />
          ) : (
            <Loading what="the entities" />
          )
        ) : (
          <button type="button" onClick={() => setEditing(true)}>
            Change this activity
          </button>
        )
      ) : null}
      <h2>Indicators</h2>
      <table id="indicators">
        <thead>
          <tr>
            <th>Indicator</th>
            <th>Unit</th>
            <th>Baseline</th>
            <th>Target</th>
          </tr>
        </thead>
        <tbody>
          {a.indicators.map((i) => (
            <tr key={i.name}>
              <td>{i.name}</td>
              <td>{i.unit}</td>
              <td>{i.baseline ?? '—'}</td>
              <td>{i.target}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Progress</h2>
      {cycles.error ? <ErrorNote error={cycles.error} /> : null}
      {years.length ? null : <p>No reporting year opened yet, and no progress reported.</p>}
      {years.map((year) => {
        const cycle = cycles.data?.find((c) => c.year === year);
        const report = a.progress.find((p) => p.year === year);
        const open = cycle?.status === 'open';
        return (
          <section key={year} aria-label={`Progress ${year}`} data-year={year} data-cycle={cycle?.status ?? 'none'}>
            <h3>
              {year}: {report ? report.status : 'not reported'}
            </h3>
            {report ? (
              <>
                <p>{report.narrative}</p>
                <p>
                  {report.actuals.map((x) => `${x.indicator}: ${x.value}`).join('; ')} — submitted by{' '}
                  {report.submittedBy}, {report.submittedAt.slice(0, 10)}
                </p>
              </>
            ) : null}
            {cycle?.status === 'closed' ? (
              <p class="muted" data-closed={year}>
                The reporting year {year} was closed on {cycle.closedAt?.slice(0, 10)}: its reports are read-only.
              </p>
            ) : null}
            {open && editor ? (
              reporting === year ? (
                <ProgressForm
                  activity={a}
                  year={year}
                  existing={report}
                  etag={etag}
                  onDone={() => {
                    setReporting(null);
                    reload();
                  }}
                  onCancel={() => setReporting(null)}
                />
              ) : (
                <button type="button" onClick={() => setReporting(year)}>
                  {report ? `Correct the ${year} report` : `Report progress for ${year}`}
                </button>
              )
            ) : null}
          </section>
        );
      })}
    </Page>
  );
}

/** An editor's button that opens the form to record a new activity, then shows it. */
function NewActivity({ etag }: { etag: string | null }) {
  const [open, setOpen] = useState(false);
  const entities = useEntityOptions(open);
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Record an activity
      </button>
    );
  if (!entities.data) return <Loading what="the entities" />;
  return (
    <ActivityForm
      etag={etag}
      entities={entities.data}
      onDone={(created) => navigate(linkTo.activity(created.id))}
      onCancel={() => setOpen(false)}
    />
  );
}

/** Versions (with their endorsement), what changed since one, the activities and the annual report. */
export function Roadmap({ route }: { route: Route }) {
  const from = route.query.get('from');
  const versions = useLoad(async () => ok(await api.GET('/v1/versions')).data, []);
  const editor = canEdit(useCaller());
  const activities = useLoad(async () => {
    const result = await api.GET('/v1/activities', { params: { query: { limit: 500 } } });
    return { list: ok(result).data, etag: result.response.headers.get('etag') };
  }, []);
  const diff = useLoad(
    async () => (from ? ok(await api.GET('/v1/diff', { params: { query: { from } } })).data : null),
    [from],
  );
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const report = (format: string) => `/v1/reports/annual/${encodeURIComponent(year)}?format=${format}`;
  return (
    <Page title="Versions, activities and the annual report">
      <section aria-labelledby="ver-h">
        <h2 id="ver-h">Versions</h2>
        {versions.error ? <ErrorNote error={versions.error} /> : null}
        {!versions.data ? (
          <Loading what="versions" />
        ) : versions.data.length ? (
          <table id="versions">
            <thead>
              <tr>
                <th>Version</th>
                <th>Revision</th>
                <th>Endorsement</th>
                <th>Changes since</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.map((v) => (
                <tr key={v.id}>
                  <td>
                    {v.id} {v.name}
                  </td>
                  <td>{v.revision}</td>
                  <td>
                    {v.endorsement
                      ? `${v.endorsement.body}, ${v.endorsement.date} (${v.endorsement.documentRef})`
                      : 'not endorsed'}
                  </td>
                  <td>
                    <a href={href(['roadmap'], { from: v.id })}>what changed since {v.id}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No version named yet (an admin names one with POST /v1/versions).</p>
        )}
      </section>
      {from ? (
        <section aria-labelledby="diff-h" data-section="diff">
          <h2 id="diff-h">What changed since {from}</h2>
          {diff.error ? <ErrorNote error={diff.error} /> : null}
          {!diff.data ? (
            <Loading what="the differences" />
          ) : (
            <ul>
              {diff.data.links.added.map((l) => (
                <li key={`a${l.type}${l.from}${l.to}`}>
                  Link added: {l.type} {l.from} → {l.to}
                </li>
              ))}
              {diff.data.links.removed.map((l) => (
                <li key={`r${l.type}${l.from}${l.to}`}>
                  Link removed: {l.type} {l.from} → {l.to}
                </li>
              ))}
              {diff.data.links.changed.map((l) => (
                <li key={`c${l.type}${l.from}${l.to}`}>
                  Link changed: {l.type} {l.from} → {l.to} (
                  {l.changes.map((c) => `${c.field}: ${String(c.before)} → ${String(c.after)}`).join('; ')})
                </li>
              ))}
              {diff.data.nodes.added.map((n) => (
                <li key={`na${n.kind}${n.id}`}>
                  Added: {n.kind} {n.id}
                </li>
              ))}
              {diff.data.nodes.changed.map((n) => (
                <li key={`nc${n.kind}${n.id}`}>
                  Changed: {n.kind} {n.id} ({n.changes.map((c) => c.field).join(', ')})
                </li>
              ))}
            </ul>
          )}
          <p>
            Download: <a href={`/v1/diff?from=${encodeURIComponent(from)}&format=csv`}>CSV</a> ·{' '}
            <a href={`/v1/diff?from=${encodeURIComponent(from)}&format=xlsx`}>Excel</a>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="acts-h">
        <h2 id="acts-h">Implementation activities</h2>
        {activities.error ? <ErrorNote error={activities.error} /> : null}
        {!activities.data ? (
          <Loading what="activities" />
        ) : activities.data.list.length ? (
          <table id="activities">
            <thead>
              <tr>
                <th>Activity</th>
                <th>Lead</th>
                <th>Status</th>
                <th>Due</th>
              </tr>
            </thead>
            <tbody>
              {activities.data.list.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={linkTo.activity(a.id)}>
                      {a.id} {a.title}
                    </a>
                  </td>
                  <td>{a.lead}</td>
                  <td>{a.status}</td>
                  <td>{a.due}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No activity recorded yet.</p>
        )}
        <p class="downloads">
          Download the activities: <a href="/v1/activities?format=csv">CSV</a> ·{' '}
          <a href="/v1/activities?format=xlsx">Excel</a>
        </p>
        {editor && activities.data ? <NewActivity etag={activities.data.etag} /> : null}
      </section>
      <section aria-labelledby="rep-h">
        <h2 id="rep-h">Annual report</h2>
        <label>
          Year{' '}
          <input
            type="number"
            min={2000}
            max={2099}
            value={year}
            onInput={(e) => setYear((e.target as HTMLInputElement).value)}
          />
        </label>{' '}
        <a href={report('html')} target="_blank" rel="noopener">
          Printable
        </a>{' '}
        · <a href={report('docx')}>Word</a> · <a href={report('xlsx')}>Excel</a> · <a href={report('json')}>JSON</a>
      </section>
    </Page>
  );
}
