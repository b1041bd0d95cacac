import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type LinkStatus, type Schemas } from './api';
import { href } from './router';

/** Loads data for a view; reloads when `deps` change. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: ApiError | Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ error }: { error: Error }) {
  const detail = error instanceof ApiError && error.problem ? error.problem.detail : error.message;
  return (
    <p class="error" role="alert">
      {error instanceof ApiError && error.problem ? `${error.problem.title}: ` : ''}
      {detail}
    </p>
  );
}

/** Sets the document title and moves focus to the view's heading, so screen readers announce the new page. */
export function Page({ title, children }: { title: string; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · WSIS–GDC–SDG roadmap`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </>
  );
}

/** A link's source and, when one was given, its rationale: the line under every link on an item page. */
export function LinkMeta({
  source,
  rationale,
}: {
  source: Schemas['Source'] | null | undefined;
  rationale?: string | null;
}) {
  return (
    <div class="meta">
      Source: <SourceCite source={source} />
      {rationale ? <> · Rationale: {rationale}</> : null}
    </div>
  );
}

export function StatusBadge({ status }: { status: LinkStatus | string }) {
  return <span class={`badge status-${status}`}>{status}</span>;
}

export function SourceCite({ source }: { source: Schemas['Source'] | null | undefined }) {
  if (!source) return <span class="muted">no source recorded</span>;
  return (
    <span class="source">
      {source.url ? (
        <a href={source.url} rel="noreferrer noopener">
          {source.document}
        </a>
      ) : (
        source.document
      )}
      , {source.locator}
    </span>
  );
}

/** Where a node id leads in the app. */
export const linkTo = {
  actionLine: (id: string) => href(['action-lines', id]),
  commitment: (id: string) => href(['commitments', id]),
  objective: (id: string | number) => href(['objectives', String(id)]),
  sdg: (id: string | number) => href(['sdgs', String(id)]),
  target: (id: string) => href(['targets', id]),
  entity: (id: string) => href(['entities', id]),
  activity: (id: string) => href(['activities', id]),
};

export const percent = (share: number) => `${Math.round(share * 100)} %`;
