import { create } from 'zustand';
import { LikenessError } from '../core/errors';

/**
 * One Web Lock (navigator.locks) per origin for every job that writes to IndexedDB: import, build
 * database, recognition and evaluation (both store embeddings), the sample and "Delete all my data".
 * Across tabs it is exclusive, so two tabs never write the same records at once, and a job that
 * checks what is stored before it writes (the sample reuses a stored dataset) sees the other tab's
 * finished work. Within a tab it is shared: jobs here already run side by side, and a job nested in
 * another (the sample's import and enrolment) must not wait for itself. The lock is held while any
 * job of this tab holds it and released when the last one ends; closing the tab releases it too.
 */
export const writeLockName = 'likeness-write';

interface WriteLockStore {
  /** True while a job of this tab waits for a job of another tab to finish. */
  waiting: boolean;
}

export const useWriteLock = create<WriteLockStore>(() => ({ waiting: false }));

/** A LockManager's one method this needs (a fake in the unit test). */
export interface Locks {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown>,
  ): Promise<unknown>;
}

const aborted = () => new LikenessError('aborted', 'Cancelled');

/** A tab-shared, cross-tab exclusive lock over `locks`; `onWaiting` reports waiting for another tab. */
export function createWriteLock(locks: Locks | undefined, onWaiting: (waiting: boolean) => void) {
  let holders = 0;
  /** Settles when this tab holds the lock; null when it neither holds nor asks for it. */
  let held: Promise<void> | null = null;
  let release: (() => void) | null = null;
  let giveUp: AbortController | null = null;

  function acquire(): Promise<void> {
    const ready = new Promise<void>((granted, failed) => {
      const released = new Promise<void>((done) => {
        release = done;
      });
      const hold = async (lock: unknown) => {
        if (!lock) return false;
        onWaiting(false);
        granted();
        await released;
        return true;
      };
      void locks!
        .request(writeLockName, { ifAvailable: true }, hold)
        .then((got) => {
          if (got) return;
          // Another tab holds it: say so, and queue for it.
          onWaiting(true);
          giveUp = new AbortController();
          return locks!.request(writeLockName, { signal: giveUp.signal }, hold).catch((error: unknown) => {
            onWaiting(false);
            throw error;
          });
        })
        .catch(failed);
    });
    return ready;
  }

  return async function withWriteLock<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (!locks) return work();
    if (signal?.aborted) throw aborted();
    holders++;
    try {
      held ??= acquire();
      const whenHeld = held;
      await new Promise<void>((ok, fail) => {
        const onAbort = () => fail(aborted());
        signal?.addEventListener('abort', onAbort, { once: true });
        whenHeld.then(ok, fail).finally(() => signal?.removeEventListener('abort', onAbort));
      });
      return await work();
    } finally {
      if (--holders === 0) {
        // The last job of this tab: let the lock go, or stop queueing for it.
        release?.();
        giveUp?.abort();
        held?.catch(() => {});
        held = null;
        release = null;
        giveUp = null;
      }
    }
  };
}

/**
 * Runs `work` holding the write lock; while another tab holds it, `useWriteLock` says this tab is
 * waiting. A cancelled `signal` stops the wait. Where the Web Locks API is missing, work runs unguarded.
 */
export const withWriteLock = createWriteLock(
  (globalThis.navigator as { locks?: Locks } | undefined)?.locks,
  (waiting) => useWriteLock.setState({ waiting }),
);
