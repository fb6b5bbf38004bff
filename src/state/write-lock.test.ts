import { describe, expect, it } from 'vitest';
import { isAbortError } from '../core/errors';
import { createWriteLock, type Locks } from './write-lock';

/** An exclusive LockManager shared by "tabs", as navigator.locks is by the tabs of one origin. */
function fakeLocks(): Locks {
  let held = false;
  const queue: (() => void)[] = [];
  const next = () => {
    held = false;
    queue.shift()?.();
  };
  return {
    async request(_name, options, callback) {
      if (options.ifAvailable && held) return callback(null);
      if (held) {
        await new Promise<void>((granted, failed) => {
          const wake = () => granted();
          queue.push(wake);
          options.signal?.addEventListener('abort', () => {
            queue.splice(queue.indexOf(wake), 1);
            failed(new DOMException('Aborted', 'AbortError'));
          });
        });
      }
      held = true;
      try {
        return await callback({});
      } finally {
        next();
      }
    },
  };
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('createWriteLock', () => {
  it('makes a second tab wait, says so, and runs it when the first tab is done', async () => {
    const locks = fakeLocks();
    const waits: boolean[] = [];
    const tabA = createWriteLock(locks, () => {});
    const tabB = createWriteLock(locks, (w) => waits.push(w));
    const order: string[] = [];
    const first = deferred();
    const a = tabA(async () => {
      order.push('a start');
      await first.promise;
      order.push('a end');
    });
    await tick();
    const b = tabB(async () => {
      order.push(`b (waiting: ${String(waits.at(-1))})`);
    });
    await tick();
    expect(waits).toEqual([true]);
    expect(order).toEqual(['a start']);
    first.resolve();
    await Promise.all([a, b]);
    expect(order).toEqual(['a start', 'a end', 'b (waiting: false)']);
    expect(waits.at(-1)).toBe(false);
  });

  it('is shared within a tab: a nested job does not wait for its own tab', async () => {
    const tab = createWriteLock(fakeLocks(), () => {});
    const result = await tab(async () => tab(async () => 'nested ran'));
    expect(result).toBe('nested ran');
  });

  it('holds the lock until the last job of the tab ends', async () => {
    const locks = fakeLocks();
    const tabA = createWriteLock(locks, () => {});
    const tabB = createWriteLock(locks, () => {});
    const long = deferred();
    const order: string[] = [];
    const short = tabA(async () => order.push('a short'));
    const longer = tabA(async () => {
      await long.promise;
      order.push('a long');
    });
    await short;
    const b = tabB(async () => order.push('b'));
    await tick();
    expect(order).toEqual(['a short']);
    long.resolve();
    await Promise.all([longer, b]);
    expect(order).toEqual(['a short', 'a long', 'b']);
  });

  it('stops waiting when the job is cancelled, and runs nothing', async () => {
    const locks = fakeLocks();
    const tabA = createWriteLock(locks, () => {});
    const tabB = createWriteLock(locks, () => {});
    const first = deferred();
    const a = tabA(() => first.promise);
    await tick();
    const controller = new AbortController();
    let ran = false;
    const b = tabB(async () => {
      ran = true;
    }, controller.signal);
    await tick();
    controller.abort();
    const error = await b.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    first.resolve();
    await a;
    // The cancelled wait gave up its place: tab B can take the lock again at once.
    await tabB(async () => {});
    expect(ran).toBe(false);
  });

  it('runs unguarded where the Web Locks API is missing', async () => {
    const tab = createWriteLock(undefined, () => {});
    expect(await tab(async () => 7)).toBe(7);
  });
});
