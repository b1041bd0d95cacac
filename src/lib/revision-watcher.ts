/**
 * What this process knows of the graph revision without a Bolt read per request.
 *
 * A poller reads the revision every `pollMs`; local writes report the revision they committed at
 * once (observe). `current()` answers the revision only while it was confirmed less than
 * `maxStaleMs` ago, where "confirmed at" is when the poll that saw it STARTED (the revision was
 * current at some instant after that) or when the local write committed. So a cached answer built
 * for that revision is at most `maxStaleMs` behind the database, on every instance, as long as the
 * poller keeps up; when it does not (Neo4j slow or away), `current()` is undefined and callers read
 * the revision from Neo4j as before. Readers that must see a newer revision (a client presenting
 * it) check it against `current()` and go to Neo4j when it is ahead.
 */
export class RevisionWatcher {
  private revision = -1;
  private confirmedAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private readonly listeners = new Set<(revision: number) => void>();

  constructor(
    private readonly readRevision: () => Promise<number>,
    readonly pollMs = 25,
    readonly maxStaleMs = 100,
  ) {}

  /** Starts polling (the timer does not keep the process alive). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
    void this.poll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One poll now (joins one in flight); errors leave the revision unconfirmed, so it ages out. */
  poll(): Promise<void> {
    if (this.polling) return this.polling;
    const startedAt = performance.now();
    this.polling = this.readRevision()
      .then((revision) => this.observe(revision, startedAt))
      .catch(() => undefined)
      .finally(() => {
        this.polling = undefined;
      });
    return this.polling;
  }

  /**
   * Records that `revision` was the committed one at time `at` (performance.now()). `at` must be
   * no later than an instant at which `revision` was committed (a poll's start, a request's
   * arrival), never the time the news arrived: staleness is measured from it. A lower revision
   * than known counts only from a poll (`mayGoBack`) seen after the known one was confirmed (the
   * graph was reset), never from one that started before a local write reported a newer one, nor
   * from a slow read that began before a newer revision was seen.
   */
  observe(revision: number, at = performance.now(), mayGoBack = true): void {
    const before = this.revision;
    if (revision > this.revision || (mayGoBack && revision < this.revision && at >= this.confirmedAt)) {
      this.revision = revision;
      this.confirmedAt = at;
    } else if (revision === this.revision) {
      this.confirmedAt = Math.max(this.confirmedAt, at);
    }
    if (this.revision !== before) for (const listener of this.listeners) listener(this.revision);
  }

  /** The revision confirmed within the last maxStaleMs, else undefined (then read it from Neo4j). */
  current(): number | undefined {
    if (this.revision < 0) return undefined;
    return performance.now() - this.confirmedAt <= this.maxStaleMs ? this.revision : undefined;
  }

  /** Calls `listener` whenever the known revision changes (caches drop older entries). */
  onChange(listener: (revision: number) => void): void {
    this.listeners.add(listener);
  }
}
