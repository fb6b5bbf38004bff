import { errorMessage, isAbortError } from '../core/errors';
import { withWriteLock } from './write-lock';

/** The state a job leaves when it throws: idle when it was cancelled, else an error with its message. */
export function failedJob(error: unknown): { status: 'idle' } | { status: 'error'; message: string } {
  return isAbortError(error) ? { status: 'idle' } : { status: 'error', message: errorMessage(error) };
}

/**
 * One cancellable job at a time: starting a job aborts the one before it, and only the latest job
 * clears the slot when it ends.
 */
export function jobSlot() {
  let controller: AbortController | null = null;
  let current: Promise<unknown> | null = null;
  return {
    async run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
      controller?.abort();
      const own = new AbortController();
      controller = own;
      const running = work(own.signal);
      current = running;
      try {
        return await running;
      } finally {
        if (controller === own) {
          controller = null;
          current = null;
        }
      }
    },
    cancel(): void {
      controller?.abort();
    },
    /** Cancels the running job and settles when it has stopped (its last write is done). */
    async stop(): Promise<void> {
      controller?.abort();
      await current?.catch(() => {});
    },
  };
}

export type JobSlot = ReturnType<typeof jobSlot>;

export type JobKind = 'enrol' | 'recognise' | 'evaluate';

export type JobState =
  | { status: 'idle' }
  | {
      status: 'running';
      kind: JobKind;
      label: string;
      done: number;
      total: number;
      failed: number;
      /** When the first progress arrived, and the count then: a resumed job's cached part does not count in the rate. */
      startedAt: number;
      startDone: number;
      updatedAt: number;
    }
  | { status: 'done'; kind: JobKind; message: string }
  | { status: 'error'; message: string };

export type ProgressCallback = (done: number, total: number, failed: number) => void;

/**
 * Runs a job in `slot` with the progress bookkeeping the UI shows (count, rate, ETA): `work` returns
 * the message shown when it is done. A cancelled job is silent; any other failure becomes its message.
 * Every such job stores embeddings, so it holds the write lock: while another tab runs one, it waits.
 */
export async function runProgressJob(
  slot: JobSlot,
  setJob: (job: JobState) => void,
  kind: JobKind,
  label: string,
  work: (signal: AbortSignal, onProgress: ProgressCallback) => Promise<string>,
): Promise<void> {
  let startedAt = performance.now();
  let startDone = -1;
  try {
    await slot.run(async (signal) => {
      setJob({
        status: 'running',
        kind,
        label,
        done: 0,
        total: 0,
        failed: 0,
        startedAt,
        startDone: 0,
        updatedAt: startedAt,
      });
      const message = await withWriteLock(
        () =>
          work(signal, (done, total, failed) => {
            const updatedAt = performance.now();
            if (startDone < 0) {
              startDone = done;
              startedAt = updatedAt;
            }
            setJob({ status: 'running', kind, label, done, total, failed, startedAt, startDone, updatedAt });
          }),
        signal,
      );
      setJob({ status: 'done', kind, message });
    });
  } catch (error) {
    setJob(failedJob(error));
  }
}
