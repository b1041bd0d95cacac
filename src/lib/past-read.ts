import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Marks the work of a time-travel read (`?version=` / `?revision=`, src/lib/as-of.ts) so that the
 * per-revision caches of computed read models (src/lib/matrix-cache.ts) stay out of it: a past
 * revision seen there would look like a database reset and empty them, and its answer must never
 * be filed among the current revision's entries.
 */
const pastRead = new AsyncLocalStorage<number>();

export const runAsPastRead = <T>(revision: number, work: () => Promise<T>): Promise<T> => pastRead.run(revision, work);

/** Whether the caller runs inside a time-travel read. */
export const inPastRead = (): boolean => pastRead.getStore() !== undefined;
