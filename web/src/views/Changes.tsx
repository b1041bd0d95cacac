import { useState } from 'preact/hooks';
import { api, type Change, ok } from '../api';
import { useCaller } from '../auth';
import { useLiveChanges } from '../live';
import { href, navigate, type Route } from '../router';
import { ErrorNote, Loading, Page, useLoad } from '../ui';

/** A change target (action-lines/C2/facilitators/ITU) → the page in the app where it shows. */
export function appLinkFor(target: string): string | null {
  const m = /^(?:\/v1\/)?(action-lines|gdc\/commitments|entities|sdg-targets)\/([^/]+)/.exec(target);
  if (!m) return null;
  const id = decodeURIComponent(m[2]!);
  switch (m[1]) {
    case 'action-lines':
      return href(['action-lines', id]);
    case 'gdc/commitments':
      return href(['commitments', id]);
    case 'entities':
      return href(['entities', id]);
    case 'sdg-targets':
      return href(['targets', id]);
    default:
      return null;
  }
}

export function ChangeList({ changes, empty }: { changes: Change[]; empty: string }) {
  if (changes.length === 0) return <p>{empty}</p>;
  return (
    <ol class="changes">
      {changes.map((c) => {
        const link = appLinkFor(c.target);
        return (
          <li key={c.id} data-change={c.id}>
            <time dateTime={c.at}>{new Date(c.at).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</time>{' '}
            <strong>{c.actor}</strong> <span class="action">{c.action}</span>{' '}
            {link ? <a href={link}>{c.target}</a> : <code>{c.target}</code>}
            {c.reason ? <span class="reason"> — {c.reason}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

const matches = (c: Change, actor: string, target: string, from: string, to: string) =>
  (!actor || c.actor === actor) &&
  (!target || c.target.startsWith(target)) &&
  (!from || c.at.slice(0, 10) >= from) &&
  (!to || c.at.slice(0, 10) <= to);

/** The change log: actor and target filter on the server; the date range filters the page read. */
export function Changes({ route }: { route: Route }) {
  const caller = useCaller();
  const actor = route.query.get('actor') ?? '';
  const target = route.query.get('target') ?? '';
  const from = route.query.get('from') ?? '';
  const to = route.query.get('to') ?? '';
  const [form, setForm] = useState({ actor, target, from, to });
  const log = useLoad(async () => {
    if (!caller) return [];
    const query = { limit: 500, ...(actor ? { actor } : {}), ...(target ? { target } : {}) };
    return ok(await api.GET('/v1/changes', { params: { query } })).data;
  }, [caller?.name, actor, target]);
  const live = useLiveChanges(caller !== null);
  const all = [...live.filter((c) => !log.data?.some((l) => l.id === c.id)), ...(log.data ?? [])];
  const shown = all.filter((c) => matches(c, actor, target, from, to));

  return (
    <Page title="Change log">
      {!caller ? (
        <p>
          The change log needs an API key (viewer or higher): <a href={href(['sign-in'])}>sign in</a>.
        </p>
      ) : (
        <>
          <form
            class="filters"
            onSubmit={(e) => {
              e.preventDefault();
              navigate(href(['changes'], form));
            }}
          >
            <label>
              Actor (key name)
              <input value={form.actor} onInput={(e) => setForm({ ...form, actor: e.currentTarget.value })} />
            </label>
            <label>
              Target starts with
              <input
                value={form.target}
                placeholder="action-lines/C2"
                onInput={(e) => setForm({ ...form, target: e.currentTarget.value })}
              />
            </label>
            <label>
              From date
              <input type="date" value={form.from} onInput={(e) => setForm({ ...form, from: e.currentTarget.value })} />
            </label>
            <label>
              To date
              <input type="date" value={form.to} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} />
            </label>
            <button type="submit">Filter</button>
          </form>
          <p class="muted" aria-live="polite">
            {shown.length} change{shown.length === 1 ? '' : 's'} shown; new ones appear as they are made.
          </p>
          {log.error ? <ErrorNote error={log.error} /> : null}
          {log.loading && !log.data ? <Loading what="changes" /> : <ChangeList changes={shown} empty="No changes." />}
        </>
      )}
    </Page>
  );
}
