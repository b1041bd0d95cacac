import { inPastRead } from './past-read.js';

/**
 * A small bounded LRU for computed read models (the matrix, the gaps), keyed by graph revision.
 *
 * Keys are `${revision}:${normalized query}`: a lookup is always made with the revision just read
 * from Neo4j in the request's own transaction, so an entry computed at an older revision can never
 * be returned — several API instances each keep their own cache and still agree, because the
 * revision (not the process) decides what is current. When a newer revision is seen, entries of
 * older revisions are dropped at once (they can never be hit again); when an OLDER revision than
 * the newest seen shows up (the database was reset and re-seeded, or a request that started before
 * a write finishes after one that started after it), everything is dropped: a reset graph could
 * otherwise climb back to a revision number whose cached entry describes the old graph.
 */
export class RevisionLru<V> {
  private readonly entries = new Map<string, { revision: number; value: V }>();
  private newest = -1;
  hits = 0;
  misses = 0;

  constructor(readonly maxEntries = 64) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    registry.add(new WeakRef(this));
  }

  static key(revision: number, query: string): string {
    return `${revision}:${query}`;
  }

  /** The value computed for `query` at exactly `revision`, or undefined. */
  get(revision: number, query: string): V | undefined {
    this.observe(revision);
    const key = RevisionLru.key(revision, query);
    const entry = enabled ? this.entries.get(key) : undefined;
    if (!entry || entry.revision !== revision) {
      this.misses += 1;
      return undefined;
    }
    // Re-insert to mark as most recently used (Map keeps insertion order).
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits += 1;
    return entry.value;
  }

  /** Stores a value computed at `revision`; evicts the least recently used beyond the bound. */
  set(revision: number, query: string, value: V): void {
    this.observe(revision);
    if (!enabled) return;
    const key = RevisionLru.key(revision, query);
    this.entries.delete(key);
    this.entries.set(key, { revision, value });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /**
   * Returns the cached value or computes and returns it. The store is handed to `whenConsistent`
   * (a consistent read runs it only once the data proved to be the state at `revision`), so a
   * value computed from a read torn by a concurrent write is never cached.
   */
  async getOrCompute(
    revision: number,
    query: string,
    compute: () => Promise<{ value: V; cacheable: boolean }>,
    whenConsistent: (store: () => void) => void,
  ): Promise<V> {
    // A time-travel read computes afresh and stores nothing: its revision is not the newest.
    if (inPastRead()) return (await compute()).value;
    const cached = this.get(revision, query);
    if (cached !== undefined) return cached;
    const { value, cacheable } = await compute();
    if (cacheable) whenConsistent(() => this.set(revision, query, value));
    return value;
  }

  clear(): void {
    this.entries.clear();
    this.newest = -1;
  }

  get size(): number {
    return this.entries.size;
  }

  private observe(revision: number): void {
    if (revision === this.newest) return;
    if (revision > this.newest) {
      for (const [key, entry] of this.entries) if (entry.revision < revision) this.entries.delete(key);
    } else {
      // The revision went backwards: the graph was reset. Nothing cached can be trusted.
      this.entries.clear();
    }
    this.newest = revision;
  }
}

/** Every live cache of this process, so that benchmarks (cold runs) and operators can empty them all. */
let enabled = true;
const registry = new Set<WeakRef<RevisionLru<unknown>>>();

function liveCaches(): RevisionLru<unknown>[] {
  const live: RevisionLru<unknown>[] = [];
  for (const ref of registry) {
    const cache = ref.deref();
    if (cache) live.push(cache);
    else registry.delete(ref);
  }
  return live;
}

/**
 * Turns every revision cache of this process off (each lookup misses, nothing is stored) or back
 * on: bench/ measures cold requests this way, so no concurrent request can warm the cache for another.
 */
export function setRevisionCachesEnabled(on: boolean): void {
  enabled = on;
  if (!on) clearRevisionCaches();
}

/** Whether revision caches are on (bench/ turns them off to measure cold requests). */
export const revisionCachesEnabled = (): boolean => enabled;

/** Empties every revision cache of this process. */
export function clearRevisionCaches(): void {
  for (const cache of liveCaches()) cache.clear();
}

/** Hits and misses summed over every live cache of this process. */
export function revisionCacheStats(): { hits: number; misses: number } {
  return liveCaches().reduce((sum, c) => ({ hits: sum.hits + c.hits, misses: sum.misses + c.misses }), {
    hits: 0,
    misses: 0,
  });
}
