import { useState } from 'preact/hooks';
import {
  ApiError,
  api,
  type Change,
  type FieldErrorsOf,
  type LinkStatus,
  ok,
  type Problem,
  problemErrors,
  revisionOf,
} from '../api';

/** The four kinds of roadmap link an editor writes, and the ends that name one. */
export type LinkKind = 'facilitator' | 'responsible' | 'alignment' | 'support';
export interface LinkEnds {
  actionLine?: string;
  commitment?: string;
  target?: string;
  entity?: string;
}

const rolesOf: Partial<Record<LinkKind, string[]>> = {
  facilitator: ['lead', 'co', 'partner'],
  responsible: ['lead', 'co', 'contributor'],
};

/** Which end the form asks for, given the one the page fixes. */
const askedEnd: Record<LinkKind, { key: keyof LinkEnds; label: string }> = {
  facilitator: { key: 'entity', label: 'Entity' },
  responsible: { key: 'entity', label: 'Entity' },
  alignment: { key: 'commitment', label: 'GDC commitment' },
  support: { key: 'target', label: 'SDG target' },
};

interface Fields {
  other: string;
  role: string;
  status: LinkStatus;
  document: string;
  locator: string;
  url: string;
  rationale: string;
  reason: string;
}

type FieldErrors = FieldErrorsOf<keyof Fields>;

/** problem+json errors[] paths → the form field that shows them. */
function fieldOf(path: string): keyof Fields | 'form' {
  const map: Record<string, keyof Fields> = {
    'body.role': 'role',
    'body.status': 'status',
    'body.source': 'document',
    'body.source.document': 'document',
    'body.source.locator': 'locator',
    'body.source.url': 'url',
    'body.rationale': 'rationale',
    'body.reason': 'reason',
    'path.entityId': 'other',
    'path.commitmentId': 'other',
    'path.targetId': 'other',
  };
  return map[path] ?? 'form';
}

export function validate(fields: Fields, kind: LinkKind, isNew: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!fields.other.trim()) errors.other = `Choose the ${askedEnd[kind].label.toLowerCase()}.`;
  if (kind === 'alignment' && fields.other && !/^\d{1,2}[a-z]?$/.test(fields.other.trim()))
    errors.other = 'A GDC commitment id such as 11a or 24.';
  if (kind === 'support' && fields.other && !/^(?:[1-9]|1[0-7])\.(?:\d{1,2}|[a-z])$/.test(fields.other.trim()))
    errors.other = 'An SDG target id such as 9.1 or 5.b.';
  if (rolesOf[kind] && !rolesOf[kind]!.includes(fields.role)) errors.role = 'Choose a role.';
  if (isNew && !fields.document.trim()) errors.document = 'A new link needs the document it comes from.';
  if (isNew && !fields.locator.trim()) errors.locator = 'Say where in the document (paragraph, row, minute).';
  if (!isNew && (fields.document.trim() || fields.locator.trim()) && !(fields.document.trim() && fields.locator.trim()))
    errors.document = 'Give both document and locator, or neither to keep the current source.';
  if (fields.url.trim() && !/^https?:\/\/\S+$/.test(fields.url.trim())) errors.url = 'An http(s) address, or empty.';
  if (!fields.reason.trim()) errors.reason = 'Say why (recorded in the change log).';
  if (fields.reason.length > 1000) errors.reason = 'At most 1000 characters.';
  if (fields.rationale.length > 2000) errors.rationale = 'At most 2000 characters.';
  return errors;
}

/** Sends one link write with If-Match; returns the response for the caller to read. */
async function putLink(kind: LinkKind, ends: LinkEnds, body: Record<string, unknown>, ifMatch: string | null) {
  const headers = ifMatch ? { 'if-match': ifMatch } : {};
  switch (kind) {
    case 'facilitator':
      return api.PUT('/v1/action-lines/{id}/facilitators/{entityId}', {
        params: { path: { id: ends.actionLine!, entityId: ends.entity! }, header: headers },
        body: body as never,
      });
    case 'responsible':
      return api.PUT('/v1/gdc/commitments/{id}/responsible/{entityId}', {
        params: { path: { id: ends.commitment!, entityId: ends.entity! }, header: headers },
        body: body as never,
      });
    case 'alignment':
      return api.PUT('/v1/action-lines/{id}/commitments/{commitmentId}', {
        params: { path: { id: ends.actionLine!, commitmentId: ends.commitment! }, header: headers },
        body: body as never,
      });
    case 'support':
      return api.PUT('/v1/action-lines/{id}/sdg-targets/{targetId}', {
        params: { path: { id: ends.actionLine!, targetId: ends.target! }, header: headers },
        body: body as never,
      });
  }
}

async function deleteLink(kind: LinkKind, ends: LinkEnds, reason: string, ifMatch: string | null) {
  const header = ifMatch ? { 'if-match': ifMatch } : {};
  // The reason travels in the body (the API also takes ?reason=).
  const body = { reason };
  switch (kind) {
    case 'facilitator':
      return api.DELETE('/v1/action-lines/{id}/facilitators/{entityId}', {
        params: { path: { id: ends.actionLine!, entityId: ends.entity! }, header },
        body,
      });
    case 'responsible':
      return api.DELETE('/v1/gdc/commitments/{id}/responsible/{entityId}', {
        params: { path: { id: ends.commitment!, entityId: ends.entity! }, header },
        body,
      });
    case 'alignment':
      return api.DELETE('/v1/action-lines/{id}/commitments/{commitmentId}', {
        params: { path: { id: ends.actionLine!, commitmentId: ends.commitment! }, header },
        body,
      });
    case 'support':
      return api.DELETE('/v1/action-lines/{id}/sdg-targets/{targetId}', {
        params: { path: { id: ends.actionLine!, targetId: ends.target! }, header },
        body,
      });
  }
}

/** What happened since the page was read: the change log after the page's revision. */
export async function changesSince(etag: string | null): Promise<Change[]> {
  const since = revisionOf(etag);
  if (since === null) return [];
  return ok(await api.GET('/v1/changes', { params: { query: { since, limit: 20 } } })).data;
}

export type Pending =
  | { kind: 'stale'; currentEtag: string; changes: Change[]; retry: (etag: string) => Promise<void> }
  | { kind: 'lead'; currentLead: string; retry: () => Promise<void> };

export function PendingNote({ pending, onCancel }: { pending: Pending; onCancel: () => void }) {
  if (pending.kind === 'stale') {
    return (
      <div class="conflict" role="alert" data-conflict="412">
        <p>
          <strong>The roadmap changed since this page was loaded.</strong> Your change was not saved. Changes made in
          the meantime:
        </p>
        <ul>
          {pending.changes.map((c) => (
            <li key={c.id}>
              {c.actor} {c.action} <code>{c.target}</code>
              {c.reason ? ` — ${c.reason}` : ''}
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => void pending.retry(pending.currentEtag)}>
          Re-apply my change
        </button>{' '}
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <div class="conflict" role="alert" data-conflict="409">
      <p>
        <strong>{pending.currentLead}</strong> is already the lead of this action line.
      </p>
      <button type="button" onClick={() => void pending.retry()}>
        Replace the lead (demote {pending.currentLead} to co)
      </button>{' '}
      <button type="button" class="secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

export interface LinkFormProps {
  kind: LinkKind;
  ends: LinkEnds;
  /** Options for the asked end: [id, label]. */
  options?: Array<[string, string]>;
  /** Present: update this existing link (source optional, keeps the current one). */
  existing?: { other: string; role?: string | null; status: LinkStatus };
  etag: string | null;
  title: string;
  onDone: () => void;
  onCancel?: () => void;
}

/** Create or update one link: validates first, sends If-Match, handles 412, 409 and problem errors[]. */
export function LinkForm(props: LinkFormProps) {
  const { kind, existing } = props;
  const ask = askedEnd[kind];
  const idPrefix = `${kind}-${existing?.other ?? 'new'}`.replace(/[^\w-]/g, '_');
  const [fields, setFields] = useState<Fields>({
    other: existing?.other ?? '',
    role: existing?.role ?? (rolesOf[kind] ? 'co' : ''),
    status: existing?.status ?? 'proposed',
    document: '',
    locator: '',
    url: '',
    rationale: '',
    reason: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const update = (k: keyof Fields) => (e: Event) =>
    setFields({ ...fields, [k]: (e.currentTarget as HTMLInputElement).value });

  const body = (replaceLead: boolean) => {
    const b: Record<string, unknown> = { status: fields.status, reason: fields.reason.trim() };
    if (rolesOf[kind]) b.role = fields.role;
    if (fields.document.trim())
      b.source = {
        document: fields.document.trim(),
        locator: fields.locator.trim(),
        ...(fields.url.trim() ? { url: fields.url.trim() } : {}),
      };
    if (fields.rationale.trim()) b.rationale = fields.rationale.trim();
    if (replaceLead) b.replaceLead = true;
    return b;
  };

  const send = async (ifMatch: string | null, replaceLead = false): Promise<void> => {
    setBusy(true);
    setPending(null);
    try {
      const ends = { ...props.ends, [ask.key]: fields.other.trim() };
      const result = await putLink(kind, ends, body(replaceLead), ifMatch);
      if (result.response.ok) {
        setSaved(`Saved: ${result.response.status === 201 ? 'link created' : 'link updated'}.`);
        setErrors({});
        props.onDone();
        return;
      }
      const problem = (result.error ?? null) as Problem | null;
      if (result.response.status === 412 && problem?.currentEtag) {
        setPending({
          kind: 'stale',
          currentEtag: problem.currentEtag,
          changes: await changesSince(ifMatch),
          retry: (etag) => send(etag, replaceLead),
        });
      } else if (result.response.status === 409 && problem?.currentLead) {
        setPending({ kind: 'lead', currentLead: problem.currentLead, retry: () => send(ifMatch, true) });
      } else {
        setErrors(problemErrors(problem, result.response.status, fieldOf));
      }
    } catch (e) {
      setErrors({ form: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    setSaved('');
    const found = validate(fields, kind, !existing);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = Object.keys(found)[0];
      document.getElementById(`${idPrefix}-${first}`)?.focus();
      return;
    }
    void send(props.etag);
  };

  const field = (k: keyof Fields, label: string, input: preact.JSX.Element, hint?: string) => (
    <div class={errors[k] ? 'field invalid' : 'field'}>
      <label for={`${idPrefix}-${k}`}>{label}</label>
      {input}
      {hint ? (
        <span class="hint" id={`${idPrefix}-${k}-hint`}>
          {hint}
        </span>
      ) : null}
      {errors[k] ? (
        <span class="field-error" id={`${idPrefix}-${k}-error`}>
          {errors[k]}
        </span>
      ) : null}
    </div>
  );
  const a11y = (k: keyof Fields, hint = false) => ({
    id: `${idPrefix}-${k}`,
    'aria-invalid': errors[k] ? ('true' as const) : undefined,
    'aria-describedby':
      [errors[k] ? `${idPrefix}-${k}-error` : '', hint ? `${idPrefix}-${k}-hint` : ''].filter(Boolean).join(' ') ||
      undefined,
  });

  return (
    <form class="edit-form" noValidate onSubmit={onSubmit} aria-label={props.title} data-form={kind}>
      <h3>{props.title}</h3>
      {existing ? (
        <p>
          {ask.label}: <strong>{existing.other}</strong>
        </p>
      ) : (
        field(
          'other',
          ask.label,
          props.options ? (
            <select {...a11y('other')} value={fields.other} onChange={update('other')}>
              <option value="">— choose —</option>
              {props.options.map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          ) : (
            <input {...a11y('other')} value={fields.other} onInput={update('other')} />
          ),
        )
      )}
      {rolesOf[kind]
        ? field(
            'role',
            'Role',
            <select {...a11y('role')} value={fields.role} onChange={update('role')}>
              {rolesOf[kind]!.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>,
          )
        : null}
      {field(
        'status',
        'Status',
        <select {...a11y('status')} value={fields.status} onChange={update('status')}>
          <option value="proposed">proposed</option>
          <option value="endorsed">endorsed</option>
          <option value="retired">retired</option>
        </select>,
      )}
      <fieldset>
        <legend>Source{existing ? ' (leave empty to keep the current one)' : ''}</legend>
        {field(
          'document',
          'Document',
          <input {...a11y('document', true)} value={fields.document} onInput={update('document')} />,
          'Official document, decision or meeting',
        )}
        {field(
          'locator',
          'Locator',
          <input {...a11y('locator', true)} value={fields.locator} onInput={update('locator')} />,
          'Paragraph, section, row or minute',
        )}
        {field(
          'url',
          'URL (optional)',
          <input {...a11y('url')} type="url" value={fields.url} onInput={update('url')} />,
        )}
      </fieldset>
      {field(
        'rationale',
        'Rationale (optional)',
        <textarea {...a11y('rationale')} value={fields.rationale} onInput={update('rationale')} rows={2} />,
      )}
      {field(
        'reason',
        'Reason for this change',
        <input {...a11y('reason', true)} value={fields.reason} onInput={update('reason')} />,
        'Recorded in the change log',
      )}
      {errors.form ? (
        <p class="error" role="alert">
          {errors.form}
        </p>
      ) : null}
      {pending ? <PendingNote pending={pending} onCancel={() => setPending(null)} /> : null}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {existing ? 'Save' : 'Assign'}
        </button>
        {props.onCancel ? (
          <button type="button" class="secondary" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      <p role="status" class="saved">
        {saved}
      </p>
    </form>
  );
}

/** Removes one link after asking why; a 412 offers to remove it anyway against the new revision. */
export function RemoveLink(props: {
  kind: LinkKind;
  ends: LinkEnds;
  etag: string | null;
  label: string;
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const id = `remove-${props.kind}-${Object.values(props.ends).join('-')}`.replace(/[^\w-]/g, '_');
  const send = async (ifMatch: string | null) => {
    setPending(null);
    const result = await deleteLink(props.kind, props.ends, reason.trim(), ifMatch);
    if (result.response.ok) {
      setOpen(false);
      props.onDone();
      return;
    }
    const problem = (result.error ?? null) as Problem | null;
    if (result.response.status === 412 && problem?.currentEtag)
      setPending({
        kind: 'stale',
        currentEtag: problem.currentEtag,
        changes: await changesSince(ifMatch),
        retry: send,
      });
    else setError(new ApiError(result.response.status, problem).message);
  };
  if (!open)
    return (
      <button type="button" class="secondary small" onClick={() => setOpen(true)}>
        Remove {props.label}
      </button>
    );
  return (
    <form
      class="inline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason.trim()) return setError('Say why (recorded in the change log).');
        void send(props.etag);
      }}
    >
      <label for={id}>Why remove {props.label}?</label>
      <input
        id={id}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
      />
      <button type="submit">Remove</button>
      <button type="button" class="secondary" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error ? (
        <span class="field-error" role="alert">
          {error}
        </span>
      ) : null}
      {pending ? <PendingNote pending={pending} onCancel={() => setPending(null)} /> : null}
    </form>
  );
}
