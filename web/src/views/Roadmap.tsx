import { useState } from 'preact/hooks';
import { api, ok, type Schemas } from '../api';
import { href, type Route } from '../router';
import { ErrorNote, Loading, linkTo, Page, SourceCite, useLoad } from '../ui';

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

/** One activity with its indicators and yearly progress reports. */
export function ActivityPage({ id }: { id: string }) {
  const page = useLoad(async () => ok(await api.GET('/v1/activities/{id}', { params: { path: { id } } })).data, [id]);
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
  const a = page.data;
  const links = (ids: string[], to: (id: string) => string) =>
    ids.length
      ? ids.map((x, i) => (
          <span key={x}>
            {i ? ', ' : ''}
            <a href={to(x)}>{x}</a>
          </span>
        ))
      : '—';
  return (
    <Page title={`${a.id} ${a.title}`}>
      <p>{a.description}</p>
      <dl class="facts">
        <dt>Status</dt>
        <dd>{a.status}</dd>
        <dt>Period</dt>
        <dd>
          {a.start} – {a.due}
        </dd>
        <dt>Lead</dt>
        <dd>
          <a href={linkTo.entity(a.lead)}>{a.lead}</a>
        </dd>
        <dt>Partners</dt>
        <dd>{links(a.partners, linkTo.entity)}</dd>
        <dt>Action lines</dt>
        <dd>{links(a.actionLines, linkTo.actionLine)}</dd>
        <dt>GDC commitments</dt>
        <dd>{links(a.commitments, linkTo.commitment)}</dd>
        <dt>SDG targets</dt>
        <dd>{links(a.targets, linkTo.target)}</dd>
        <dt>Source</dt>
        <dd>
          <SourceCite source={a.source} />
        </dd>
      </dl>
      <h2>Indicators</h2>
      <table>
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
      {a.progress.length ? (
        a.progress.map((p) => (
          <section key={p.year} aria-label={`Progress ${p.year}`}>
            <h3>
              {p.year}: {p.status}
            </h3>
            <p>{p.narrative}</p>
            <p>
              {p.actuals.map((x) => `${x.indicator}: ${x.value}`).join('; ')} — submitted by {p.submittedBy},{' '}
              {p.submittedAt.slice(0, 10)}
            </p>
          </section>
        ))
      ) : (
        <p>No progress reported yet.</p>
      )}
    </Page>
  );
}

/** Versions (with their endorsement), what changed since one, the activities and the annual report. */
export function Roadmap({ route }: { route: Route }) {
  const from = route.query.get('from');
  const versions = useLoad(async () => ok(await api.GET('/v1/versions')).data, []);
  const activities = useLoad(
    async () => ok(await api.GET('/v1/activities', { params: { query: { limit: 500 } } })).data,
    [],
  );
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
        ) : activities.data.length ? (
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
              {activities.data.map((a) => (
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
