import { useState } from 'preact/hooks';
import { api, ok, type LinkStatus } from '../api';
import { canEdit, useCaller } from '../auth';
import { href } from '../router';
import { ErrorNote, LinkMeta, Loading, linkTo, Page, SourceCite, StatusBadge, useLoad } from '../ui';
import { LinkForm, type LinkKind, type LinkEnds, RemoveLink } from './Edit';
import { ActivityList } from './Roadmap';

/** Reads one item with its ETag: writes from this page send it as If-Match. */
function useItem<T>(read: () => Promise<{ data?: { data: T }; error?: unknown; response: Response }>, deps: unknown[]) {
  return useLoad(async () => {
    const result = await read();
    return { item: ok(result).data, etag: result.response.headers.get('etag') };
  }, deps);
}

function useOptions(what: 'entities' | 'action-lines' | 'commitments', enabled: boolean) {
  return useLoad(async (): Promise<Array<[string, string]>> => {
    if (!enabled) return [];
    if (what === 'entities')
      return ok(await api.GET('/v1/entities', { params: { query: { limit: 500 } } })).data.map((e) => [
        e.id,
        `${e.id} — ${e.name}`,
      ]);
    if (what === 'action-lines')
      return ok(await api.GET('/v1/action-lines', { params: { query: { limit: 500 } } })).data.map((l) => [
        l.id,
        `${l.id} ${l.title}`,
      ]);
    return ok(await api.GET('/v1/gdc/commitments', { params: { query: { limit: 500 } } })).data.map((c) => [
      c.id,
      c.label,
    ]);
  }, [what, enabled]);
}

/** An existing link's edit controls (editor+): change role/status/source, or remove. */
function LinkControls(props: {
  kind: LinkKind;
  ends: LinkEnds;
  other: string;
  role?: string | null;
  status: LinkStatus;
  etag: string | null;
  onDone: () => void;
}) {
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <LinkForm
        kind={props.kind}
        ends={props.ends}
        existing={{ other: props.other, role: props.role ?? null, status: props.status }}
        etag={props.etag}
        title={`Change ${props.other}`}
        onDone={() => {
          setEditing(false);
          props.onDone();
        }}
        onCancel={() => setEditing(false)}
      />
    );
  return (
    <span class="controls">
      <button type="button" class="secondary small" onClick={() => setEditing(true)}>
        Change {props.other}
      </button>{' '}
      <RemoveLink kind={props.kind} ends={props.ends} etag={props.etag} label={props.other} onDone={props.onDone} />
    </span>
  );
}

function NewLink(props: {
  kind: LinkKind;
  ends: LinkEnds;
  options?: Array<[string, string]>;
  etag: string | null;
  title: string;
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {props.title}
      </button>
    );
  return <LinkForm {...props} onCancel={() => setOpen(false)} />;
}

export function ActionLinePage({ id }: { id: string }) {
  const caller = useCaller();
  const editor = canEdit(caller);
  const page = useItem(() => api.GET('/v1/action-lines/{id}', { params: { path: { id } } }), [id]);
  const entities = useOptions('entities', editor);
  const commitments = useOptions('commitments', editor);
  if (page.error)
    return (
      <Page title={`Action line ${id}`}>
        <ErrorNote error={page.error} />
      </Page>
    );
  if (!page.data)
    return (
      <Page title={`Action line ${id}`}>
        <Loading what="the action line" />
      </Page>
    );
  const { item: line, etag } = page.data;
  const ends = { actionLine: line.id };
  return (
    <Page title={`${line.id} ${line.title}`}>
      <p>
        {line.kind === 'subline' && line.parent ? (
          <>
            Sub-line of <a href={linkTo.actionLine(line.parent)}>{line.parent}</a>.{' '}
          </>
        ) : null}
        Geneva 2003 title: {line.titleGeneva2003}. Source: <SourceCite source={line.source} />
      </p>
      {line.subLines.length ? (
        <p>
          Sub-lines:{' '}
          {line.subLines.map((s, i) => (
            <span key={s}>
              {i ? ', ' : ''}
              <a href={linkTo.actionLine(s)}>{s}</a>
            </span>
          ))}
        </p>
      ) : null}
      <p>
        <a href={href(['matrix'], { rows: 'action-lines', cols: 'entities' })}>See it in the matrix</a>
      </p>
      <section aria-labelledby="fac-h">
        <h2 id="fac-h">Facilitators</h2>
        {line.facilitators.length === 0 ? <p>No facilitator assigned.</p> : null}
        <ul class="link-list" id="facilitators">
          {line.facilitators.map((f) => (
            <li key={f.entityId} data-entity={f.entityId} data-role={f.role}>
              <a href={linkTo.entity(f.entityId)}>{f.entityId}</a> — {f.role} <StatusBadge status={f.status} />
              <LinkMeta source={f.source} rationale={f.rationale} />
              {editor ? (
                <LinkControls
                  kind="facilitator"
                  ends={{ ...ends, entity: f.entityId }}
                  other={f.entityId}
                  role={f.role}
                  status={f.status}
                  etag={etag}
                  onDone={page.reload}
                />
              ) : null}
            </li>
          ))}
        </ul>
        {editor ? (
          <NewLink
            kind="facilitator"
            ends={ends}
            options={entities.data}
            etag={etag}
            title="Assign a facilitator"
            onDone={page.reload}
          />
        ) : null}
      </section>
      <section aria-labelledby="com-h">
        <h2 id="com-h">GDC commitments it aligns with</h2>
        <ul class="link-list">
          {line.commitments.map((c) => (
            <li key={c.commitmentId}>
              <a href={linkTo.commitment(c.commitmentId)}>{c.label}</a> <StatusBadge status={c.status} />
              <LinkMeta source={c.source} rationale={c.rationale} />
              {editor ? (
                <LinkControls
                  kind="alignment"
                  ends={{ ...ends, commitment: c.commitmentId }}
                  other={c.commitmentId}
                  status={c.status}
                  etag={etag}
                  onDone={page.reload}
                />
              ) : null}
            </li>
          ))}
        </ul>
        {editor ? (
          <NewLink
            kind="alignment"
            ends={ends}
            options={commitments.data}
            etag={etag}
            title="Propose an alignment with a commitment"
            onDone={page.reload}
          />
        ) : null}
      </section>
      <section aria-labelledby="sdg-h">
        <h2 id="sdg-h">SDGs and targets it supports</h2>
        <ul class="link-list">
          {line.goals.map((g) => (
            <li key={`g${g.goalId}`}>
              <a href={linkTo.sdg(g.goalId)}>SDG {g.goalId}</a> <StatusBadge status={g.status} />
              <LinkMeta source={g.source} />
            </li>
          ))}
          {line.targets.map((t) => (
            <li key={t.targetId}>
              <a href={linkTo.target(t.targetId)}>Target {t.targetId}</a> <StatusBadge status={t.status} />
              <LinkMeta source={t.source} rationale={t.rationale} />
              {editor ? (
                <LinkControls
                  kind="support"
                  ends={{ ...ends, target: t.targetId }}
                  other={t.targetId}
                  status={t.status}
                  etag={etag}
                  onDone={page.reload}
                />
              ) : null}
            </li>
          ))}
        </ul>
        {editor ? (
          <NewLink
            kind="support"
            ends={ends}
            etag={etag}
            title="Propose support for an SDG target"
            onDone={page.reload}
          />
        ) : null}
      </section>
      <ActivityList activities={line.activities} />
    </Page>
  );
}

export function CommitmentPage({ id }: { id: string }) {
  const caller = useCaller();
  const editor = canEdit(caller);
  const page = useItem(() => api.GET('/v1/gdc/commitments/{id}', { params: { path: { id } } }), [id]);
  const entities = useOptions('entities', editor);
  const lines = useOptions('action-lines', editor);
  if (page.error)
    return (
      <Page title={`Commitment ${id}`}>
        <ErrorNote error={page.error} />
      </Page>
    );
  if (!page.data)
    return (
      <Page title={`Commitment ${id}`}>
        <Loading what="the commitment" />
      </Page>
    );
  const { item: c, etag } = page.data;
  return (
    <Page title={`GDC commitment ${c.label}`}>
      <p>{c.summary}</p>
      <p>
        <a href={linkTo.objective(c.objective)}>Objective {c.objective}</a>, section {c.section} ({c.sectionTitle}).
        Source: <SourceCite source={c.source} />
        {c.verified ? '' : ` (unverified, confidence ${c.confidence})`}
      </p>
      <section aria-labelledby="resp-h">
        <h2 id="resp-h">Responsible entities</h2>
        {c.responsibleEntities.length === 0 ? <p>No responsible entity yet.</p> : null}
        <ul class="link-list" id="responsible">
          {c.responsibleEntities.map((r) => (
            <li key={r.entityId} data-entity={r.entityId}>
              <a href={linkTo.entity(r.entityId)}>{r.entityId}</a> — {r.role} <StatusBadge status={r.status} />
              <LinkMeta source={r.source} rationale={r.rationale} />
              {editor ? (
                <LinkControls
                  kind="responsible"
                  ends={{ commitment: c.id, entity: r.entityId }}
                  other={r.entityId}
                  role={r.role}
                  status={r.status}
                  etag={etag}
                  onDone={page.reload}
                />
              ) : null}
            </li>
          ))}
        </ul>
        {editor ? (
          <NewLink
            kind="responsible"
            ends={{ commitment: c.id }}
            options={entities.data}
            etag={etag}
            title="Assign a responsible entity"
            onDone={page.reload}
          />
        ) : null}
      </section>
      <section aria-labelledby="al-h">
        <h2 id="al-h">Action lines aligned with it</h2>
        {c.actionLines.length === 0 ? <p>No action line aligns with this commitment yet.</p> : null}
        <ul class="link-list">
          {c.actionLines.map((a) => (
            <li key={a.actionLineId}>
              <a href={linkTo.actionLine(a.actionLineId)}>{a.actionLineId}</a> <StatusBadge status={a.status} />
              <LinkMeta source={a.source} rationale={a.rationale} />
            </li>
          ))}
        </ul>
        {editor ? <AlignFromLine commitment={c.id} lines={lines.data} etag={etag} onDone={page.reload} /> : null}
      </section>
      <section aria-labelledby="goal-h">
        <h2 id="goal-h">SDGs it contributes to</h2>
        <ul class="link-list">
          {c.goals.map((g) => (
            <li key={g.goalId}>
              <a href={linkTo.sdg(g.goalId)}>SDG {g.goalId}</a> <StatusBadge status={g.status} />
            </li>
          ))}
        </ul>
      </section>
      <ActivityList activities={c.activities} />
    </Page>
  );
}

/** The alignment is written on the line (PUT /v1/action-lines/{id}/commitments/{commitmentId}): pick the line here. */
function AlignFromLine(props: {
  commitment: string;
  lines?: Array<[string, string]>;
  etag: string | null;
  onDone: () => void;
}) {
  const [line, setLine] = useState('');
  return (
    <div class="align-from">
      <label for="align-line">Action line to align</label>
      <select id="align-line" value={line} onChange={(e) => setLine(e.currentTarget.value)}>
        <option value="">— choose —</option>
        {(props.lines ?? []).map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </select>
      {line ? (
        <LinkForm
          key={line}
          kind="alignment"
          ends={{ actionLine: line }}
          existing={undefined}
          options={[[props.commitment, props.commitment]]}
          etag={props.etag}
          title={`Propose ${line} × ${props.commitment}`}
          onDone={props.onDone}
        />
      ) : null}
    </div>
  );
}

export function EntityPage({ id }: { id: string }) {
  const page = useItem(() => api.GET('/v1/entities/{id}', { params: { path: { id } } }), [id]);
  if (page.error)
    return (
      <Page title={`Entity ${id}`}>
        <ErrorNote error={page.error} />
      </Page>
    );
  if (!page.data)
    return (
      <Page title={`Entity ${id}`}>
        <Loading what="the entity" />
      </Page>
    );
  const e = page.data.item;
  const byStatus = (statuses: LinkStatus[]) =>
    (['endorsed', 'proposed', 'retired'] as const)
      .map((s) => `${statuses.filter((x) => x === s).length} ${s}`)
      .join(', ');
  return (
    <Page title={`${e.name} (${e.id})`}>
      <p>
        {e.kind}, {e.ungisMember ? 'UNGIS member' : 'not a UNGIS member'}
        {e.verified ? '' : ` (membership unverified, confidence ${e.membershipConfidence})`}. Source:{' '}
        <SourceCite source={e.source} />
      </p>
      <p>
        <a href={href(['matrix'], { rows: 'entities', cols: 'action-lines', entity: e.id })}>Its row in the matrix</a>
      </p>
      <section aria-labelledby="wl-h">
        <h2 id="wl-h">Workload</h2>
        <table class="data" id="workload">
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Count</th>
              <th scope="col">By status</th>
            </tr>
          </thead>
          <tbody>
            {(['lead', 'co', 'partner'] as const).map((role) => {
              const held = e.facilitates.filter((f) => f.role === role);
              return (
                <tr key={role} data-role={role}>
                  <th scope="row">Action lines — {role}</th>
                  <td class="num">{held.length}</td>
                  <td>{byStatus(held.map((h) => h.status))}</td>
                </tr>
              );
            })}
            <tr data-role="responsible">
              <th scope="row">GDC commitments — responsible</th>
              <td class="num">{e.responsibleFor.length}</td>
              <td>{byStatus(e.responsibleFor.map((r) => r.status))}</td>
            </tr>
          </tbody>
        </table>
      </section>
      <section aria-labelledby="fa-h">
        <h2 id="fa-h">Action lines it facilitates</h2>
        <ul class="link-list" id="entity-lines">
          {e.facilitates.map((f) => (
            <li key={f.actionLineId} data-line={f.actionLineId} data-role={f.role}>
              <a href={linkTo.actionLine(f.actionLineId)}>{f.actionLineId}</a> — {f.role}{' '}
              <StatusBadge status={f.status} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="rf-h">
        <h2 id="rf-h">GDC commitments it is responsible for</h2>
        <ul class="link-list">
          {e.responsibleFor.map((r) => (
            <li key={r.commitmentId}>
              <a href={linkTo.commitment(r.commitmentId)}>{r.label}</a> — {r.role} <StatusBadge status={r.status} />
            </li>
          ))}
        </ul>
      </section>
      <ActivityList activities={e.activities} />
    </Page>
  );
}

export function SdgPage({ id }: { id: string }) {
  const page = useItem(() => api.GET('/v1/sdgs/{id}', { params: { path: { id: Number(id) } } }), [id]);
  if (page.error)
    return (
      <Page title={`SDG ${id}`}>
        <ErrorNote error={page.error} />
      </Page>
    );
  if (!page.data)
    return (
      <Page title={`SDG ${id}`}>
        <Loading what="the goal" />
      </Page>
    );
  const g = page.data.item;
  return (
    <Page title={`SDG ${g.id}: ${g.shortTitle}`}>
      <p>{g.title}</p>
      <p>
        Source: <SourceCite source={g.source} />.{' '}
        <a href={href(['matrix'], { rows: 'action-lines', cols: 'sdg-targets', goal: String(g.id) })}>
          Its targets in the matrix
        </a>
      </p>
      <h2>Targets</h2>
      <ul class="link-list">
        {g.targets.map((t) => (
          <li key={t.id}>
            <a href={linkTo.target(t.id)}>{t.id}</a> {t.title}
          </li>
        ))}
      </ul>
    </Page>
  );
}

export function TargetPage({ id }: { id: string }) {
  const caller = useCaller();
  const editor = canEdit(caller);
  const page = useItem(() => api.GET('/v1/sdg-targets/{id}', { params: { path: { id } } }), [id]);
  const lines = useOptions('action-lines', editor);
  const [line, setLine] = useState('');
  if (page.error)
    return (
      <Page title={`SDG target ${id}`}>
        <ErrorNote error={page.error} />
      </Page>
    );
  if (!page.data)
    return (
      <Page title={`SDG target ${id}`}>
        <Loading what="the target" />
      </Page>
    );
  const { item: t, etag } = page.data;
  return (
    <Page title={`SDG target ${t.id}`}>
      <p>{t.title}</p>
      <p>
        <a href={linkTo.sdg(t.goal)}>SDG {t.goal}</a>, {t.kind}. Source: <SourceCite source={t.source} />
      </p>
      <h2>Indicators</h2>
      <ul>
        {t.indicators.map((i) => (
          <li key={i.id}>
            {i.id} {i.title}
            {i.status === 'obsolete' ? ' (obsolete)' : ''}
          </li>
        ))}
      </ul>
      <h2>Action lines supporting it</h2>
      {t.actionLines.length === 0 ? <p>No action line supports this target directly.</p> : null}
      <ul class="link-list">
        {t.actionLines.map((a) => (
          <li key={a.actionLineId}>
            <a href={linkTo.actionLine(a.actionLineId)}>{a.actionLineId}</a> <StatusBadge status={a.status} />
            <LinkMeta source={a.source} rationale={a.rationale} />
          </li>
        ))}
      </ul>
      {editor ? (
        <div class="align-from">
          <label for="support-line">Action line that supports it</label>
          <select id="support-line" value={line} onChange={(e) => setLine(e.currentTarget.value)}>
            <option value="">— choose —</option>
            {(lines.data ?? []).map(([lid, label]) => (
              <option key={lid} value={lid}>
                {label}
              </option>
            ))}
          </select>
          {line ? (
            <LinkForm
              key={line}
              kind="support"
              ends={{ actionLine: line }}
              options={[[t.id, t.id]]}
              etag={etag}
              title={`Propose ${line} → ${t.id}`}
              onDone={page.reload}
            />
          ) : null}
        </div>
      ) : null}
      <ActivityList activities={t.activities} />
    </Page>
  );
}

export function ObjectivePage({ id }: { id: string }) {
  const page = useItem(() => api.GET('/v1/gdc/objectives/{id}', { params: { path: { id: Number(id) } } }), [id]);
  if (page.error)
    return (
      <Page title={`GDC objective ${id}`}>
        <ErrorNote error={page.error} />
      </Page>
    );
  if (!page.data)
    return (
      <Page title={`GDC objective ${id}`}>
        <Loading what="the objective" />
      </Page>
    );
  const o = page.data.item;
  return (
    <Page title={`GDC objective ${o.id}: ${o.title}`}>
      <p>
        Source: <SourceCite source={o.source} />.{' '}
        <a href={href(['matrix'], { rows: 'action-lines', cols: 'gdc-commitments', objective: String(o.id) })}>
          Its commitments in the matrix
        </a>
      </p>
      <ul class="link-list">
        {o.commitments.map((c) => (
          <li key={c.id}>
            <a href={linkTo.commitment(c.id)}>{c.label}</a>
          </li>
        ))}
      </ul>
    </Page>
  );
}
