import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, ok, session, type Role } from './api';

export interface Caller {
  name: string;
  role: Role;
}

let caller: Caller | null = null;
const listeners = new Set<(c: Caller | null) => void>();
const publish = () => {
  for (const listener of listeners) listener(caller);
};

/** Asks the API who the key is (GET /v1/me); a rejected key is not kept. */
export async function signIn(key: string): Promise<Caller> {
  const trimmed = key.trim();
  const result = await api.GET('/v1/me', { headers: { authorization: `Bearer ${trimmed}` } });
  const { data } = ok(result);
  session.set(trimmed);
  caller = data;
  publish();
  return data;
}

export function signOut(): void {
  session.clear();
  caller = null;
  publish();
}

/** On page load: a key left in this tab's sessionStorage signs in again; a revoked one is dropped. */
export async function restoreSession(): Promise<void> {
  const key = session.key();
  if (!key) return;
  try {
    await signIn(key);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) signOut();
  }
}

export function useCaller(): Caller | null {
  const [current, setCurrent] = useState(caller);
  useEffect(() => {
    listeners.add(setCurrent);
    setCurrent(caller);
    return () => void listeners.delete(setCurrent);
  }, []);
  return current;
}

export const canEdit = (c: Caller | null): boolean => c?.role === 'editor' || c?.role === 'admin';
