import { errorMessage, isAbortError } from '../core/errors';
import { withWriteLock } from './write-lock';

/**
 * The one status of every long job (enrolment, recognition, evaluation, import, snapshot, sample,
 * suspect check): what the progress UI renders. `P` is what a running job shows beside
 * its count (a label, a phase, a failure count), `T` what it leaves when done.
 */
export type JobStatus<T, P extends object = object> =
  | { status: 'idle' }
  | ({
      status: 'running';
      done: number;
      total: number;
      /** Items per second since the first progress report (a resumed job's cached part does not count); 0 until known. */
      rate: number;
      /** Seconds left at that rate; NaN until known. */
      eta: number;
    } & P)
  | { status: 'done'; result: T }
  | { status: 'error'; message: string }
  | { status: 'cancelled' };

export type RunningStatus<P extends object = object> = Extract<JobStatus<unknown, P>, { status: 'running' }>;

/** The status a job leaves when it throws: cancelled when it was aborted, else an error with its message. */
export function failedJob(error: unknown): { status: 'cancelled' } | { status: 'error'; message: string } {
  return isAbortError(error) ? { status: 'cancelled' } : { status: 'error', message: errorMessage(error) };
}

export interface JobContext<P extends object> {
  signal: AbortSignal;
  /**
   * Reports the count; `detail` replaces parts of what the running job shows. `restart` starts the
   * rate and ETA afresh from this report (a job's next phase, counting something else).
   */
  progress(done: number, total: number, detail?: Partial<P>, restart?: boolean): void;
}

/**
 * The one runner of long jobs: one job at a time per runner (starting one aborts the one before),
 * progress with rate and ETA, and the outcome as a JobStatus. Only the latest job writes its status,
 * so a job replaced by another never overwrites the newer one's.
 */
export function jobRunner<T, P extends object = object>(
  setStatus: (status: JobStatus<T, P>) => void,
  now: () => number = () => performance.now(),
) {
  let controller: AbortController | null = null;
  let current: Promise<unknown> | null = null;
  return {
    async run(detail: P, work: (job: JobContext<P>) => Promise<T>): Promise<JobStatus<T, P>> {
      controller?.abort();
      const own = new AbortController();
      controller = own;
      const live = () => controller === own;
      let shown = detail;
      let first: { at: number; done: number } | null = null;
      // Progress can come through its own message port: a report landing after the result is dropped.
      let settled = false;
      const show = (status: JobStatus<T, P>) => {
        if (live()) setStatus(status);
        return status;
      };
      show({ status: 'running', done: 0, total: 0, rate: 0, eta: Number.NaN, ...shown });
      const running = (async () => {
        try {
          const result = await work({
            signal: own.signal,
            progress(done, total, more, restart) {
              if (own.signal.aborted || settled) return;
              if (more) shown = { ...shown, ...more };
              const at = now();
              if (restart) first = null;
              first ??= { at, done };
              const seconds = (at - first.at) / 1000;
              const fresh = done - first.done;
              const rate = seconds > 0 && fresh > 0 ? fresh / seconds : 0;
              const eta = rate > 0 ? (total - done) / rate : Number.NaN;
              show({ status: 'running', done, total, rate, eta, ...shown });
            },
          });
          settled = true;
          return show({ status: 'done', result });
        } catch (error) {
          settled = true;
          return show(failedJob(error));
        }
      })();
      current = running;
      try {
        return await running;
      } finally {
        if (live()) {
          controller = null;
          current = null;
        }
      }
    },
    cancel(): void {
      controller?.abort();
    },
    /** Whether a job of this runner is under way. */
    get busy(): boolean {
      return controller !== null;
    },
    /** Cancels the running job and settles when it has stopped (its last write is done). */
    async stop(): Promise<void> {
      controller?.abort();
      await current?.catch(() => {});
    },
  };
}

export type JobRunner<T, P extends object = object> = ReturnType<typeof jobRunner<T, P>>;

/** What the Recognise and Dashboard jobs show while they run, and the line they leave. */
export interface CountedJob {
  kind: JobKind;
  label: string;
  /** Images without a face so far. */
  failed: number;
}

export type JobKind = 'enrol' | 'recognise' | 'evaluate';

/**
 * Enrolment, recognition and evaluation: a count of images, the faces not found, a line when done.
 * Every state but idle says which kind of job it is, so that each tab shows only its own.
 */
export type JobState =
  | Exclude<JobStatus<string, CountedJob>, { status: 'done' | 'error' | 'cancelled' }>
  | (Extract<JobStatus<string, CountedJob>, { status: 'done' | 'error' | 'cancelled' }> & { kind?: JobKind });

export type ProgressCallback = (done: number, total: number, failed: number) => void;

/**
 * A runner of counted jobs: `work` gets the engine's (done, total, failed) callback and returns the
 * done line. Every such job stores embeddings, so it holds the write lock: while another tab runs
 * one, it waits (and the wait does not count in the rate: that starts at the first report).
 */
export function countedJobRunner(setJob: (job: JobState) => void) {
  // Only the latest job writes its status (jobRunner), so the latest kind is the one to tag.
  let current: JobKind = 'enrol';
  const runner = jobRunner<string, CountedJob>((job) =>
    setJob(job.status === 'idle' || job.status === 'running' ? job : { ...job, kind: current }),
  );
  return {
    run(
      kind: JobKind,
      label: string,
      work: (signal: AbortSignal, onProgress: ProgressCallback) => Promise<string>,
    ) {
      current = kind;
      return runner.run({ kind, label, failed: 0 }, ({ signal, progress }) =>
        withWriteLock(() => work(signal, (done, total, failed) => progress(done, total, { failed })), signal),
      );
    },
    cancel: () => runner.cancel(),
    stop: () => runner.stop(),
  };
}
