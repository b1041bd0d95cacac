import { useEffect, useState } from 'preact/hooks';
import { api, type Change, session } from './api';

type Listener = (change: Change) => void;

/**
 * Live changes for the signed-in key. The stream (GET /v1/changes/stream) needs the key in the
 * Authorization header, which EventSource cannot send, so it is read with fetch; when the stream
 * cannot be held open the app polls GET /v1/changes?since=<revision> instead.
 */
class LiveChanges {
  private listeners = new Set<Listener>();
  private abort: AbortController | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private lastRevision: number | null = null;
  mode: 'off' | 'stream' | 'polling' = 'off';

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Restart after sign-in or sign-out. */
  restart(): void {
    this.stop();
    if (this.listeners.size > 0) this.start();
  }

  private seen = new Set<string>();

  private emit(change: Change): void {
    // An import records several changes under one revision: dedupe by id, resume by revision.
    if (this.seen.has(change.id)) return;
    this.seen.add(change.id);
    this.lastRevision = Math.max(this.lastRevision ?? 0, change.revision);
    for (const listener of this.listeners) listener(change);
  }

  private start(): void {
    const key = session.key();
    if (!key) return;
    this.abort = new AbortController();
    void this.stream(key, this.abort.signal);
  }

  private stop(): void {
    this.abort?.abort();
    this.abort = null;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    this.mode = 'off';
  }

  private async stream(key: string, signal: AbortSignal): Promise<void> {
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${key}`, accept: 'text/event-stream' };
      if (this.lastRevision !== null) headers['last-event-id'] = String(this.lastRevision);
      const response = await fetch('/v1/changes/stream', { headers, signal });
      if (!response.ok || !response.body) throw new Error(`stream: HTTP ${response.status}`);
      this.mode = 'stream';
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          this.handleEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
      throw new Error('stream ended');
    } catch {
      if (signal.aborted) return;
      this.mode = 'polling';
      this.schedulePoll(key, signal);
    }
  }

  private handleEvent(block: string): void {
    const lines = block.split('\n');
    if (!lines.some((l) => l === 'event: change')) return;
    const data = lines
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).trimStart())
      .join('\n');
    if (data) this.emit(JSON.parse(data) as Change);
  }

  private schedulePoll(key: string, signal: AbortSignal): void {
    this.pollTimer = setTimeout(async () => {
      if (signal.aborted) return;
      const since = this.lastRevision ?? undefined;
      const { data } = await api.GET('/v1/changes', {
        params: { query: { limit: 50, ...(since !== undefined ? { since } : {}) } },
      });
      for (const change of [...(data?.data ?? [])].reverse()) {
        if (since === undefined) this.lastRevision = change.revision;
        else this.emit(change);
      }
      this.schedulePoll(key, signal);
    }, 3000);
  }
}

export const liveChanges = new LiveChanges();

/** Changes that arrived since the view mounted, newest first. */
export function useLiveChanges(enabled: boolean): Change[] {
  const [changes, setChanges] = useState<Change[]>([]);
  useEffect(() => {
    if (!enabled) return;
    return liveChanges.subscribe((change) => setChanges((list) => [change, ...list].slice(0, 200)));
  }, [enabled]);
  return changes;
}
