import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { signIn, signOut, useCaller } from '../auth';
import { liveChanges } from '../live';
import { href, navigate } from '../router';
import { Page } from '../ui';

export function SignIn() {
  const caller = useCaller();
  const [key, setKey] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (caller)
    return (
      <Page title="Signed in">
        <p>
          Signed in as <strong>{caller.name}</strong> with role <strong data-role={caller.role}>{caller.role}</strong>.
        </p>
        <button
          type="button"
          onClick={() => {
            signOut();
            liveChanges.restart();
          }}
        >
          Sign out
        </button>
      </Page>
    );
  return (
    <Page title="Sign in">
      <p>
        Staff sign in with an API key. The key stays in this browser tab only (session storage) and is forgotten when
        the tab closes or you sign out. Ask an administrator for a key; viewers can read the change log, editors can
        also assign entities and propose, endorse or retire links.
      </p>
      <form
        class="sign-in"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (!key.trim()) return setError('Paste your API key.');
          setBusy(true);
          try {
            await signIn(key);
            liveChanges.restart();
            navigate(href([]));
          } catch (err) {
            setError(err instanceof ApiError && err.status === 401 ? 'This key is unknown or revoked.' : String(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label for="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autocomplete="off"
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'api-key-error' : undefined}
        />
        {error ? (
          <span class="field-error" id="api-key-error" role="alert">
            {error}
          </span>
        ) : null}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </Page>
  );
}
