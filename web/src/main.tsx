import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { restoreSession, signOut, useCaller } from './auth';
import { liveChanges } from './live';
import { href, type Route, useRoute } from './router';
import { Page } from './ui';
import { Changes } from './views/Changes';
import { ActionLinePage, CommitmentPage, EntityPage, ObjectivePage, SdgPage, TargetPage } from './views/Detail';
import { Gaps } from './views/Gaps';
import { QualityView } from './views/Quality';
import { Matrix } from './views/Matrix';
import { Overview } from './views/Overview';
import { ActivityPage, Roadmap } from './views/Roadmap';
import { SignIn } from './views/SignIn';
import './styles.css';

function View({ route }: { route: Route }) {
  const [first, id = ''] = route.path;
  switch (first) {
    case undefined:
      return <Overview />;
    case 'matrix':
      return <Matrix route={route} />;
    case 'gaps':
      return <Gaps kind={route.query.get('kind')} />;
    case 'changes':
      return <Changes route={route} />;
    case 'quality':
      return <QualityView />;
    case 'roadmap':
      return <Roadmap route={route} />;
    case 'activities':
      return <ActivityPage key={id} id={id} />;
    case 'sign-in':
      return <SignIn />;
    case 'action-lines':
      return <ActionLinePage key={id} id={id} />;
    case 'commitments':
      return <CommitmentPage key={id} id={id} />;
    case 'objectives':
      return <ObjectivePage key={id} id={id} />;
    case 'sdgs':
      return <SdgPage key={id} id={id} />;
    case 'targets':
      return <TargetPage key={id} id={id} />;
    case 'entities':
      return <EntityPage key={id} id={id} />;
    default:
      return (
        <Page title="Not found">
          <p>
            No page here. <a href={href([])}>Back to the overview</a>.
          </p>
        </Page>
      );
  }
}

const sections = [
  ['', 'Overview'],
  ['matrix', 'Matrix'],
  ['gaps', 'Gaps'],
  ['roadmap', 'Versions & report'],
  ['changes', 'Change log'],
  ['quality', 'Data quality'],
] as const;

function App() {
  const route = useRoute();
  const caller = useCaller();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void restoreSession().finally(() => setReady(true));
  }, []);
  const current = route.path[0] ?? '';
  return (
    <>
      <button type="button" class="skip" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <header class="site">
        <a class="brand" href={href([])}>
          WSIS–GDC–SDG roadmap
        </a>
        <nav aria-label="Main">
          <ul>
            {sections.map(([path, label]) => (
              <li key={path}>
                <a href={href(path ? [path] : [])} aria-current={current === path ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          {caller ? (
            <>
              <span id="signed-in-as">
                {caller.name} ({caller.role})
              </span>{' '}
              <button
                type="button"
                class="secondary small"
                onClick={() => {
                  signOut();
                  liveChanges.restart();
                }}
              >
                Sign out
              </button>
            </>
          ) : (
            <a href={href(['sign-in'])}>Sign in</a>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {ready ? <View route={route} /> : null}
      </main>
      <footer class="site">
        Data: the roadmap API (<a href="/docs">API documentation</a>). Every link names its source.
      </footer>
    </>
  );
}

render(<App />, document.getElementById('app')!);
