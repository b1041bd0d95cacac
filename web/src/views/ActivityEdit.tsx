import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, type FieldErrorsOf, type Problem, problemErrors, type Schemas } from '../api';
import { changesSince, type Pending, PendingNote } from './Edit';

/**
 * Editing activities and their yearly progress, as the link forms do it (src/views/Edit.tsx): checks
 * what the form can check before sending, sends If-Match with the ETag the page was read at, offers
 * to re-apply after a 412, and shows each problem+json errors[] entry next to its field.
 */

type Activity = Schemas['Activity'];
type Progress = Schemas['Progress'];
type Status = Schemas['ActivityStatus'];

const statuses: Status[] = ['planned', 'in-progress', 'completed', 'delayed', 'cancelled'];
const periodPattern = /^20\d\d(?:-Q[1-4])?$/;
const isUrl = (s: string) => /^https?:\/\/\S+$/.test(s);
const isNumber = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

/** "UNDP, ITU" → ["UNDP", "ITU"]: the lists of ids are typed comma-separated. */
const idsOf = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** One labelled field with its hint and its error, wired for screen readers. */
function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span class="field-error" id={`${props.id}-error`}>
          {props.error}
        </span>
      ) : null}
    </div>
  );
}

/** The accessibility attributes of a field's input. */
const describe = (id: string, error: string | undefined, hint = false) => ({
  id,
  'aria-invalid': error ? ('true' as const) : undefined,
  'aria-describedby': [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined,
});

function FormEnd(props: {
  errors: { form?: string | undefined };
  pending: Pending | null;
  onDismiss: () => void;
  busy: boolean;
  submit: string;
  onCancel?: (() => void) | undefined;
  saved: string;
}) {
  return (
    <>
      {props.errors.form ? (
        <p class="error" role="alert" data-error="form">
          {props.errors.form}
        </p>
      ) : null}
      {props.pending ? <PendingNote pending={props.pending} onCancel={props.onDismiss} /> : null}
      <div class="actions">
        <button type="submit" disabled={props.busy}>
          {props.submit}
        </button>
        {props.onCancel ? (
          <button type="button" class="secondary" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      <p role="status" class="saved">
        {props.saved}
      </p>
    </>
  );
}

// ---- the activity ----

interface IndicatorRow {
  name: string;
  unit: string;
  baseline: string;
  target: string;
}

interface ActivityFields {
  title: string;
  description: string;
  lead: string;
  partners: string;
  actionLines: string;
  commitments: string;
  targets: string;
  start: string;
  due: string;
  status: Status;
  document: string;
  locator: string;
  url: string;
  reason: string;
}
type ActivityKey = keyof ActivityFields | 'indicators';

/** problem+json errors[] paths (body.partners.1, body.source.url, …) → the field that shows them. */
function activityFieldOf(path: string): ActivityKey | 'form' {
  const [where, field, sub] = path.split('.');
  if (where !== 'body' || !field) return 'form';
  if (field === 'source') return sub === 'locator' ? 'locator' : sub === 'url' ? 'url' : 'document';
  const known: ActivityKey[] = [
    'title',
    'description',
    'lead',
    'partners',
    'actionLines',
    'commitments',
    'targets',
    'start',
    'due',
    'status',
    'indicators',
    'reason',
  ];
  return known.includes(field as ActivityKey) ? (field as ActivityKey) : 'form';
}

function validateActivity(f: ActivityFields, indicators: IndicatorRow[], isNew: boolean): FieldErrorsOf<ActivityKey> {
  const errors: FieldErrorsOf<ActivityKey> = {};
  if (!f.title.trim()) errors.title = 'Give the activity a title.';
  if (!f.lead) errors.lead = 'Choose the entity that leads it.';
  if (!periodPattern.test(f.start.trim())) errors.start = 'A year such as 2026 or a quarter such as 2026-Q3.';
  if (!periodPattern.test(f.due.trim())) errors.due = 'A year such as 2027 or a quarter such as 2027-Q2.';
  if (isNew || f.document.trim() || f.locator.trim()) {
    if (!f.document.trim()) errors.document = 'Name the document the activity is recorded in.';
    if (!f.locator.trim()) errors.locator = 'Say where in the document (section, paragraph, page).';
  }
  if (f.url.trim() && !isUrl(f.url.trim())) errors.url = 'An http(s) address, or empty.';
  const bad = indicators.findIndex(
    (i) =>
      !i.name.trim() || !i.unit.trim() || !isNumber(i.target) || (i.baseline.trim() !== '' && !isNumber(i.baseline)),
  );
  if (bad >= 0)
    errors.indicators = `Indicator ${bad + 1}: a name, a unit and a numeric target (baseline: a number or empty).`;
  if (!f.reason.trim()) errors.reason = 'Say why (recorded in the change log).';
  return errors;
}

export interface ActivityFormProps {
  /** Present: edit this activity (PATCH); absent: record a new one (POST). */
  existing?: Activity;
  etag: string | null;
  /** [id, label] of the entities, for the lead. */
  entities: Array<[string, string]>;
  onDone: (activity: Activity) => void;
  onCancel?: () => void;
}

/** Record or change an activity: lead, partners, what it serves, period, status, indicators, source. */
export function ActivityForm(props: ActivityFormProps) {
  const { existing } = props;
  const prefix = `activity-${existing?.id ?? 'new'}`;
  const [initial] = useState(() => ({
    fields: {
      title: existing?.title ?? '',
      description: existing?.description ?? '',
      lead: existing?.lead ?? '',
      partners: existing?.partners.join(', ') ?? '',
      actionLines: existing?.actionLines.join(', ') ?? '',
      commitments: existing?.commitments.join(', ') ?? '',
      targets: existing?.targets.join(', ') ?? '',
      start: existing?.start ?? '',
      due: existing?.due ?? '',
      status: existing?.status ?? ('planned' as Status),
      document: existing?.source.document ?? '',
      locator: existing?.source.locator ?? '',
      url: existing?.source.url ?? '',
      reason: '',
    },
    indicators:
      existing?.indicators.map((i) => ({
        name: i.name,
        unit: i.unit,
        baseline: i.baseline === null ? '' : String(i.baseline),
        target: String(i.target),
      })) ?? [],
  }));
  const [fields, setFields] = useState<ActivityFields>(initial.fields);
  const [indicators, setIndicators] = useState<IndicatorRow[]>(initial.indicators);
  const [errors, setErrors] = useState<FieldErrorsOf<ActivityKey>>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const update = (k: keyof ActivityFields) => (e: Event) =>
    setFields({ ...fields, [k]: (e.currentTarget as HTMLInputElement).value });
  const setIndicator = (i: number, k: keyof IndicatorRow) => (e: Event) =>
    setIndicators(
      indicators.map((row, j) => (j === i ? { ...row, [k]: (e.currentTarget as HTMLInputElement).value } : row)),
    );

  const bodyOf = (fields: ActivityFields, indicators: IndicatorRow[]) => ({
    title: fields.title.trim(),
    description: fields.description.trim() || null,
    lead: fields.lead,
    partners: idsOf(fields.partners),
    actionLines: idsOf(fields.actionLines),
    commitments: idsOf(fields.commitments),
    targets: idsOf(fields.targets),
    start: fields.start.trim(),
    due: fields.due.trim(),
    status: fields.status,
    indicators: indicators.map((i) => ({
      name: i.name.trim(),
      unit: i.unit.trim(),
      baseline: i.baseline.trim() === '' ? null : Number(i.baseline),
      target: Number(i.target),
    })),
    source: {
      document: fields.document.trim(),
      locator: fields.locator.trim(),
      ...(fields.url.trim() ? { url: fields.url.trim() } : {}),
    },
    reason: fields.reason.trim(),
  });
  /**
   * A change sends only the fields the editor changed (lists whole): re-applied after a 412, it
   * does not undo what someone else changed meanwhile in other fields.
   */
  const changedFields = () => {
    const now = bodyOf(fields, indicators);
    const was = bodyOf(initial.fields, initial.indicators);
    return Object.fromEntries(
      Object.entries(now).filter(
        ([k, v]) => k === 'reason' || JSON.stringify(v) !== JSON.stringify(was[k as keyof typeof was]),
      ),
    ) as Partial<typeof now>;
  };

  const send = async (ifMatch: string | null): Promise<void> => {
    setBusy(true);
    setPending(null);
    try {
      const header = ifMatch ? { 'if-match': ifMatch } : {};
      const body = bodyOf(fields, indicators);
      const result = existing
        ? await api.PATCH('/v1/activities/{id}', {
            params: { path: { id: existing.id }, header },
            body: changedFields(),
          })
        : await api.POST('/v1/activities', {
            params: { header },
            body: { ...body, description: body.description ?? undefined },
          });
      if (result.response.ok && result.data) {
        setErrors({});
        setSaved(existing ? 'Saved: activity updated.' : `Saved: activity ${result.data.data.id} recorded.`);
        props.onDone(result.data.data);
        return;
      }
      const problem = (result.error ?? null) as Problem | null;
      if (result.response.status === 412 && problem?.currentEtag) {
        setPending({
          kind: 'stale',
          currentEtag: problem.currentEtag,
          changes: await changesSince(ifMatch),
          retry: send,
        });
      } else {
        setErrors(problemErrors(problem, result.response.status, activityFieldOf));
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
    const found = validateActivity(fields, indicators, !existing);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${prefix}-${first}`)?.focus();
      return;
    }
    void send(props.etag);
  };

  const text = (k: keyof ActivityFields, label: string, hint?: string) => (
    <Field id={`${prefix}-${k}`} label={label} error={errors[k]} {...(hint ? { hint } : {})}>
      <input {...describe(`${prefix}-${k}`, errors[k], Boolean(hint))} value={fields[k]} onInput={update(k)} />
    </Field>
  );

  return (
    <form
      class="edit-form"
      noValidate
      onSubmit={onSubmit}
      aria-label={existing ? `Change activity ${existing.id}` : 'Record an activity'}
      data-form="activity"
    >
      <h3>{existing ? `Change activity ${existing.id}` : 'Record an activity'}</h3>
      {text('title', 'Title')}
      <Field id={`${prefix}-description`} label="Description (optional)" error={errors.description}>
        <textarea
          {...describe(`${prefix}-description`, errors.description)}
          rows={3}
          value={fields.description}
          onInput={update('description')}
        />
      </Field>
      <Field id={`${prefix}-lead`} label="Lead entity" error={errors.lead}>
        <select {...describe(`${prefix}-lead`, errors.lead)} value={fields.lead} onChange={update('lead')}>
          <option value="">— choose —</option>
          {props.entities.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      {text('partners', 'Partner entities (optional)', 'Entity ids separated by commas, e.g. UNDP, UNESCO')}
      {text('actionLines', 'WSIS action lines', 'e.g. C3, C7.e-government')}
      {text('commitments', 'GDC commitments', 'e.g. 11a, 13b')}
      {text('targets', 'SDG targets', 'e.g. 9.c, 16.6')}
      {text('start', 'Start', 'A year (2026) or a quarter (2026-Q3)')}
      {text('due', 'Due', 'A year or a quarter, not before the start')}
      <Field id={`${prefix}-status`} label="Status" error={errors.status}>
        <select {...describe(`${prefix}-status`, errors.status)} value={fields.status} onChange={update('status')}>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      <fieldset
        id={`${prefix}-indicators`}
        tabIndex={-1}
        class={errors.indicators ? 'invalid' : undefined}
        aria-describedby={errors.indicators ? `${prefix}-indicators-error` : undefined}
      >
        <legend>Indicators</legend>
        {indicators.map((row, i) => (
          <div class="indicator-row" key={i} data-indicator={i}>
            {(['name', 'unit', 'baseline', 'target'] as const).map((k) => (
              <Field key={k} id={`${prefix}-indicator-${i}-${k}`} label={`${k === 'name' ? 'Indicator' : k} ${i + 1}`}>
                <input
                  id={`${prefix}-indicator-${i}-${k}`}
                  inputMode={k === 'baseline' || k === 'target' ? 'decimal' : undefined}
                  value={row[k]}
                  onInput={setIndicator(i, k)}
                />
              </Field>
            ))}
            <button
              type="button"
              class="secondary small"
              onClick={() => setIndicators(indicators.filter((_, j) => j !== i))}
            >
              Remove indicator {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          class="secondary small"
          onClick={() => setIndicators([...indicators, { name: '', unit: '', baseline: '', target: '' }])}
        >
          Add an indicator
        </button>
        {errors.indicators ? (
          <span class="field-error" id={`${prefix}-indicators-error`}>
            {errors.indicators}
          </span>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>Source</legend>
        {text('document', 'Document', 'Where the activity is recorded: a road map, decision or report')}
        {text('locator', 'Locator', 'Section, paragraph or page')}
        {text('url', 'URL (optional)')}
      </fieldset>
      {text('reason', 'Reason for this change', 'Recorded in the change log')}
      <FormEnd
        errors={errors}
        pending={pending}
        onDismiss={() => setPending(null)}
        busy={busy}
        submit={existing ? 'Save' : 'Record'}
        onCancel={props.onCancel}
        saved={saved}
      />
    </form>
  );
}

// ---- a yearly progress report ----

interface ProgressFields {
  status: Status;
  narrative: string;
  evidence: string;
  reason: string;
}
type ProgressKey = keyof ProgressFields | 'actuals';

function progressFieldOf(path: string): ProgressKey | 'form' {
  const [where, field] = path.split('.');
  if (where !== 'body') return 'form';
  return field === 'status' ||
    field === 'narrative' ||
    field === 'evidence' ||
    field === 'actuals' ||
    field === 'reason'
    ? field
    : 'form';
}

export interface ProgressFormProps {
  activity: Activity;
  year: number;
  existing?: Progress | undefined;
  etag: string | null;
  onDone: () => void;
  onCancel?: () => void;
}

/** Report (or correct) an activity's progress for one open reporting year. */
export function ProgressForm(props: ProgressFormProps) {
  const { activity, year, existing } = props;
  const prefix = `progress-${year}`;
  const [fields, setFields] = useState<ProgressFields>({
    status: existing?.status ?? activity.status,
    narrative: existing?.narrative ?? '',
    evidence: existing?.evidence.join('\n') ?? '',
    reason: '',
  });
  const [actuals, setActuals] = useState<Record<string, string>>(
    Object.fromEntries(
      activity.indicators.map((i) => [
        i.name,
        String(existing?.actuals.find((a) => a.indicator === i.name)?.value ?? ''),
      ]),
    ),
  );
  const [errors, setErrors] = useState<FieldErrorsOf<ProgressKey>>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const update = (k: keyof ProgressFields) => (e: Event) =>
    setFields({ ...fields, [k]: (e.currentTarget as HTMLInputElement).value });
  const evidence = () =>
    fields.evidence
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);

  const send = async (ifMatch: string | null): Promise<void> => {
    setBusy(true);
    setPending(null);
    try {
      const result = await api.PUT('/v1/activities/{id}/progress/{year}', {
        params: { path: { id: activity.id, year }, header: ifMatch ? { 'if-match': ifMatch } : {} },
        body: {
          status: fields.status,
          narrative: fields.narrative.trim(),
          actuals: Object.entries(actuals)
            .filter(([, v]) => v.trim() !== '')
            .map(([indicator, v]) => ({ indicator, value: Number(v) })),
          evidence: evidence(),
          reason: fields.reason.trim(),
        },
      });
      if (result.response.ok) {
        setErrors({});
        setSaved(`Saved: progress for ${year} reported.`);
        props.onDone();
        return;
      }
      const problem = (result.error ?? null) as Problem | null;
      if (result.response.status === 412 && problem?.currentEtag) {
        setPending({
          kind: 'stale',
          currentEtag: problem.currentEtag,
          changes: await changesSince(ifMatch),
          retry: send,
        });
      } else {
        setErrors(problemErrors(problem, result.response.status, progressFieldOf));
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
    const found: FieldErrorsOf<ProgressKey> = {};
    if (!fields.narrative.trim()) found.narrative = 'Say what was done this year.';
    const badActual = Object.entries(actuals).find(([, v]) => v.trim() !== '' && !isNumber(v));
    if (badActual) found.actuals = `${badActual[0]}: a number, or empty when not measured.`;
    const badUrl = evidence().find((u) => !isUrl(u));
    if (badUrl) found.evidence = `Not an http(s) address: ${badUrl}`;
    if (!fields.reason.trim()) found.reason = 'Say why (recorded in the change log).';
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${prefix}-${first}`)?.focus();
      return;
    }
    void send(props.etag);
  };

  return (
    <form class="edit-form" noValidate onSubmit={onSubmit} aria-label={`Progress for ${year}`} data-form="progress">
      <h3>Progress for {year}</h3>
      <Field id={`${prefix}-status`} label="Status at the end of the year" error={errors.status}>
        <select {...describe(`${prefix}-status`, errors.status)} value={fields.status} onChange={update('status')}>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${prefix}-narrative`} label="What was done" error={errors.narrative}>
        <textarea
          {...describe(`${prefix}-narrative`, errors.narrative)}
          rows={4}
          value={fields.narrative}
          onInput={update('narrative')}
        />
      </Field>
      {activity.indicators.length ? (
        <fieldset
          id={`${prefix}-actuals`}
          tabIndex={-1}
          aria-describedby={errors.actuals ? `${prefix}-actuals-error` : undefined}
        >
          <legend>Indicator values reached</legend>
          {activity.indicators.map((indicator, i) => (
            <Field
              key={indicator.name}
              id={`${prefix}-actual-${i}`}
              label={`${indicator.name} (${indicator.unit}), target ${indicator.target}`}
            >
              <input
                id={`${prefix}-actual-${i}`}
                inputMode="decimal"
                value={actuals[indicator.name] ?? ''}
                onInput={(e) => setActuals({ ...actuals, [indicator.name]: e.currentTarget.value })}
              />
            </Field>
          ))}
          {errors.actuals ? (
            <span class="field-error" id={`${prefix}-actuals-error`}>
              {errors.actuals}
            </span>
          ) : null}
        </fieldset>
      ) : null}
      <Field
        id={`${prefix}-evidence`}
        label="Evidence (optional)"
        error={errors.evidence}
        hint="One http(s) address per line"
      >
        <textarea
          {...describe(`${prefix}-evidence`, errors.evidence, true)}
          rows={2}
          value={fields.evidence}
          onInput={update('evidence')}
        />
      </Field>
      <Field
        id={`${prefix}-reason`}
        label="Reason for this change"
        error={errors.reason}
        hint="Recorded in the change log"
      >
        <input
          {...describe(`${prefix}-reason`, errors.reason, true)}
          value={fields.reason}
          onInput={update('reason')}
        />
      </Field>
      <FormEnd
        errors={errors}
        pending={pending}
        onDismiss={() => setPending(null)}
        busy={busy}
        submit={existing ? 'Correct the report' : 'Submit the report'}
        onCancel={props.onCancel}
        saved={saved}
      />
    </form>
  );
}
