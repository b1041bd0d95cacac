import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './api-schema';

export type { paths };

/** Types of the public API, generated from openapi/openapi.json (npm run web:client). */
export type Schemas = components['schemas'];
export type Role = Schemas['Role'];
export type LinkStatus = Schemas['LinkStatus'];
export type Change = Schemas['Change'];
export type Problem = Schemas['Problem'] & { currentEtag?: string; currentLead?: string };

/** A form's error messages: one per field, `form` for what belongs to no field. */
export type FieldErrorsOf<K extends string> = Partial<Record<K | 'form', string>>;

/** Puts each errors[] entry of a problem at the field `fieldOf` names (unknown paths go to the form). */
export function problemErrors<K extends string>(
  problem: Problem | null,
  status: number,
  fieldOf: (path: string) => K | 'form',
): FieldErrorsOf<K> {
  const next: FieldErrorsOf<K> = {};
  for (const e of problem?.errors ?? []) {
    const f = fieldOf(e.path);
    next[f] = next[f] ? `${next[f]} ${e.message}` : e.message;
  }
  if (!problem?.errors?.length || next.form) next.form = problem?.detail ?? `HTTP ${status}`;
  return next;
}

const KEY_STORAGE = 'roadmap.apiKey';

/** The signed-in key lives in sessionStorage only: never in a URL or localStorage; it ends with the tab. */
export const session = {
  key(): string | null {
    return sessionStorage.getItem(KEY_STORAGE);
  },
  set(key: string): void {
    sessionStorage.setItem(KEY_STORAGE, key);
  },
  clear(): void {
    sessionStorage.removeItem(KEY_STORAGE);
  },
};

export const authHeader = (): Record<string, string> => {
  const key = session.key();
  return key ? { authorization: `Bearer ${key}` } : {};
};

const withKey: Middleware = {
  onRequest({ request }) {
    const key = session.key();
    if (key && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${key}`);
    return request;
  },
};

/** The only way the app reaches the service: the public API, same origin. */
export const api = createClient<paths>({ baseUrl: location.origin });
api.use(withKey);

/** A failed call, with its problem+json body when the API sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
  }
}

/**
 * Unwraps an openapi-fetch result: the JSON data, or an ApiError carrying the problem. Routes that
 * also offer CSV or XLSX type their body as JSON | string; the app always asks for JSON.
 */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }): Exclude<T, string> {
  if (result.data !== undefined && result.response.ok) return result.data as Exclude<T, string>;
  const problem =
    result.error && typeof result.error === 'object' && 'status' in result.error ? (result.error as Problem) : null;
  throw new ApiError(result.response.status, problem);
}

/** The revision an ETag names: "r42" and "r42-abc" both → 42. */
export function revisionOf(etag: string | null): number | null {
  const match = etag ? /^(?:W\/)?"r(\d+)/.exec(etag) : null;
  return match ? Number(match[1]) : null;
}

/** Downloads an export (CSV, XLSX) with the signed-in key, as a file. */
export async function download(path: string, fileName: string): Promise<void> {
  const response = await fetch(path, { headers: authHeader() });
  if (!response.ok) throw new ApiError(response.status, null);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
