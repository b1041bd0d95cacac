import { describe, expect, it } from 'vitest';
import { FirstRuns } from '../../src/db/first-runs.js';

const tick = (ms = 5) => new Promise<void>((r) => setTimeout(r, ms));

/** A fake query run that records when it started and ended, and finishes when told to. */
function recorder() {
  const log: string[] = [];
  const gates = new Map<string, () => void>();
  const execute = (id: string) => async () => {
    log.push(`start ${id}`);
    await new Promise<void>((resolve) => gates.set(id, resolve));
    log.push(`end ${id}`);
    return id;
  };
  return { log, execute, finish: (id: string) => gates.get(id)?.() };
}

describe('FirstRuns', () => {
  it('lets the first run of a text go alone; runs of the same text wait for it, then run', async () => {
    const runs = new FirstRuns(10_000);
    const { log, execute, finish } = recorder();
    const a = runs.run('MATCH (n) RETURN n', execute('a'));
    const b = runs.run('MATCH (n) RETURN n', execute('b'));
    await tick();
    expect(log).toEqual(['start a']);
    finish('a');
    await tick();
    expect(log).toEqual(['start a', 'end a', 'start b']);
    finish('b');
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
  });

  it('runs different texts at once, and a known text without waiting', async () => {
    const runs = new FirstRuns(10_000);
    const { log, execute, finish } = recorder();
    const a = runs.run('RETURN 1', execute('a'));
    const b = runs.run('RETURN 2', execute('b'));
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    finish('a');
    finish('b');
    await Promise.all([a, b]);
    const c = runs.run('RETURN 1', execute('c'));
    const d = runs.run('RETURN 1', execute('d'));
    await tick();
    expect(log.slice(4)).toEqual(['start c', 'start d']);
    finish('c');
    finish('d');
    await Promise.all([c, d]);
  });

  it('forgets what it knew at an outage, and never waits longer than its bound', async () => {
    const runs = new FirstRuns(30);
    const { log, execute, finish } = recorder();
    const first = runs.run('RETURN 1', execute('a'));
    finish('a');
    await first;
    runs.forget();
    const hung = runs.run('RETURN 1', execute('b')); // never finishes on its own
    const waiting = runs.run('RETURN 1', execute('c'));
    await tick();
    expect(log.slice(2)).toEqual(['start b']);
    await tick(60);
    expect(log.slice(2)).toEqual(['start b', 'start c']);
    finish('b');
    finish('c');
    await Promise.all([hung, waiting]);
  });

  it('a failed first run releases those waiting; a later success makes the text known', async () => {
    const runs = new FirstRuns(10_000);
    const failing = runs.run('RETURN 1', async () => {
      await tick();
      throw new Error('planning failed');
    });
    const { log, execute, finish } = recorder();
    const waiting = runs.run('RETURN 1', execute('b'));
    await expect(failing).rejects.toThrow('planning failed');
    await tick();
    expect(log).toEqual(['start b']);
    finish('b');
    await waiting;
    const c = runs.run('RETURN 1', execute('c'));
    const d = runs.run('RETURN 1', execute('d'));
    await tick();
    expect(log.slice(2)).toEqual(['start c', 'start d']);
    finish('c');
    finish('d');
    await Promise.all([c, d]);
  });
});
