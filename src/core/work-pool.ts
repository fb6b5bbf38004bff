import { LikenessError } from './errors';

/**
 * How many engine workers share a stored-image job. On WASM (and the CPU backend) each worker runs
 * single-threaded, so one worker per core keeps every core busy: tfjs's own WASM threads only
 * parallelise inside an op and left most of a second core idle. A real GPU is one device, so one
 * worker feeds it best. `requested` (a positive whole number) overrides; the automatic choice is capped at 4.
 */
export function poolSize(backend: string, cores: number, requested?: number): number {
  if (requested !== undefined) {
    if (!Number.isInteger(requested) || requested < 1)
      throw new LikenessError(
        'invalid-argument',
        `Workers must be a positive whole number, not ${requested}`,
      );
    return requested;
  }
  if (backend !== 'wasm' && backend !== 'cpu') return 1;
  return Math.max(1, Math.min(4, Math.floor(cores)));
}

/**
 * Chunk length for `total` items shared by `workers`: about four chunks per worker, so a worker that
 * starts late or runs slow leaves at most one short chunk to wait for, between 4 and 32 items.
 */
export function chunkSizeFor(total: number, workers: number): number {
  return Math.max(4, Math.min(32, Math.ceil(total / (Math.max(1, workers) * 4))));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 1)) throw new LikenessError('invalid-argument', `Chunk size must be at least 1, not ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs every chunk on one of the lanes (workers). Each lane pulls the next chunk when it is free and
 * joins as soon as its promise resolves, so a lane that is still loading its model never holds the
 * others up; a lane that fails to start is left out unless every lane does. The first chunk that
 * fails stops the dispatch: `onFailure` lets the caller cancel the chunks still running, and the
 * first error is thrown once they have settled. `shouldStop` is checked before each dispatch (a
 * cancelled job). Results come back in chunk order.
 */
export function runInLanes<L, C, R>(
  lanes: readonly Promise<L>[],
  chunks: readonly C[],
  run: (lane: L, chunk: C, index: number) => Promise<R>,
  options: { shouldStop?: () => boolean; onFailure?: (error: unknown) => void } = {},
): Promise<R[]> {
  const { shouldStop = () => false, onFailure } = options;
  const results: R[] = new Array<R>(chunks.length);
  let next = 0;
  let finished = 0;
  let running = 0;
  let startsPending = lanes.length;
  let started = 0;
  let firstStartError: unknown = undefined;
  let failure: { error: unknown } | null = null;

  return new Promise<R[]>((resolve, reject) => {
    let settled = false;
    const settle = () => {
      if (settled || running > 0) return;
      if (failure) {
        settled = true;
        reject(failure.error);
      } else if (finished === chunks.length) {
        settled = true;
        resolve(results);
      } else if (shouldStop()) {
        settled = true;
        reject(new LikenessError('aborted', 'Cancelled'));
      } else if (started === 0 && startsPending === 0) {
        settled = true;
        reject(firstStartError ?? new LikenessError('invalid-argument', 'No worker to run the job on'));
      }
    };
    const pump = (lane: L) => {
      if (failure || settled || next >= chunks.length || shouldStop()) {
        settle();
        return;
      }
      const index = next++;
      running++;
      Promise.resolve()
        .then(() => run(lane, chunks[index]!, index))
        .then(
          (result) => {
            results[index] = result;
            finished++;
            running--;
            pump(lane);
          },
          (error: unknown) => {
            running--;
            if (!failure) {
              failure = { error };
              onFailure?.(error);
            }
            settle();
          },
        );
    };
    if (chunks.length === 0) {
      resolve(results);
      return;
    }
    for (const lane of lanes) {
      lane.then(
        (ready) => {
          startsPending--;
          started++;
          pump(ready);
        },
        (error: unknown) => {
          startsPending--;
          firstStartError ??= error;
          settle();
        },
      );
    }
  });
}

/** Per-stage means of several parts, each weighted by how many images it measured. */
export function weightedStageMeans<K extends string>(
  parts: readonly { images: number; msPerStage: Record<K, number> }[],
): Record<K, number> {
  const keys = Object.keys(parts[0]?.msPerStage ?? {}) as K[];
  const total = parts.reduce((s, p) => s + p.images, 0);
  const out = {} as Record<K, number>;
  for (const k of keys)
    out[k] = total === 0 ? 0 : parts.reduce((s, p) => s + p.msPerStage[k] * p.images, 0) / total;
  return out;
}
