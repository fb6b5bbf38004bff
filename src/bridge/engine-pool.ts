import * as Comlink from 'comlink';
import { LikenessError } from '../core/errors';
import { chunk, chunkSizeFor, poolSize, runInLanes, weightedStageMeans } from '../core/work-pool';
import { installErrorTransfer } from '../worker-shared/comlink-errors';
import type { EngineApi } from '../engine/worker';
import { libraryEngine, type LibraryEngine } from './library-engine';
import type {
  AllFacesOutcome,
  CustomModelSpec,
  EmbedOptions,
  EmbedOutcome,
  EmbedRequest,
  EngineInfo,
  FaceCropOutcome,
  EngineSettings,
  MemoryInfo,
  StoredJob,
  StoredJobResult,
} from '../engine/engine-protocol';

export type { EngineSettings, StoredJob, StoredJobResult };
export type { LibraryJob, LibraryJobResult } from './library-engine';
// Model defaults for the main thread (before the engine is up): the engine's own table, not a copy.
export { builtInModels, defaultModelId, downloadUrls, thresholdsOf } from '../engine/models';

export type JobOptions = {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, failed: number) => void;
};

/**
 * The one door from the UI to the engine worker. Jobs take an AbortSignal;
 * progress arrives through a callback proxied across the boundary.
 */
export interface EngineClient extends LibraryEngine {
  configure(settings: PoolSettings): Promise<PoolInfo>;
  loadCustomModel(files: File[], spec: CustomModelSpec): Promise<PoolInfo>;
  embed(
    requests: EmbedRequest[],
    options?: EmbedOptions & {
      signal?: AbortSignal;
      onProgress?: (done: number, total: number, failed: number) => void;
    },
  ): Promise<EmbedOutcome[]>;
  /**
   * Finds every face in one photo (a camera snapshot, a photo to compare) and embeds each; progress
   * counts faces. `name` is the photo's name in error messages.
   */
  embedAllFaces(image: Blob, options?: JobOptions & { name?: string }): Promise<AllFacesOutcome>;
  /** The face crop the model embeds for one photo (its plain view), without embedding it. */
  faceCrop(image: Blob, options?: JobOptions & { name?: string }): Promise<FaceCropOutcome>;
  /** Embeds stored images, persisting each embedding; resumable and never embeds twice. */
  embedStored(job: StoredJob, options?: JobOptions): Promise<StoredJobResult>;
  memory(): Promise<MemoryInfo>;
  /** For tests: loses the primary worker's WebGL context as a driver reset would; false when not on WebGL. */
  simulateContextLoss(): Promise<boolean>;
  terminate(): void;
}

/** The bridge's own settings on top of the worker's: how many workers share a stored-image job. */
export interface PoolSettings extends EngineSettings {
  /** Engine workers for `embedStored`; automatic (one per core on WASM/CPU, one on a GPU) when omitted. */
  workers?: number;
}

export interface PoolInfo extends EngineInfo {
  /** Workers that share a stored-image job (each single-threaded on WASM when there are several). */
  workers: number;
}

let jobCounter = 0;

export type Remote = Comlink.Remote<EngineApi>;

function startWorker(): { worker: Worker; api: Remote } {
  const worker = new Worker(new URL('../engine/worker.ts', import.meta.url), {
    type: 'module',
    name: 'likeness-engine',
  });
  return { worker, api: Comlink.wrap<EngineApi>(worker) };
}

const cores = () => Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 1);

/**
 * The engine: one primary worker for everything, plus helper workers that share only stored-image
 * jobs (enrolment, evaluation, recognition of held-out images), where throughput matters. Helpers
 * start on the first such job, replay the primary's custom models and settings, and are dropped when
 * the settings change (the next job starts them again).
 */
export function createEngineClient(
  options: {
    /** Called when the engine switches backend by itself (a lost WebGL context: it carries on with WASM). */
    onBackendChange?: (info: PoolInfo) => void;
  } = {},
): EngineClient {
  installErrorTransfer();
  const primary = startWorker();
  const api = primary.api;
  const { onBackendChange } = options;
  if (onBackendChange) {
    void api.watchEngine(Comlink.proxy((info: EngineInfo) => onBackendChange({ ...info, workers })));
  }
  let settings: PoolSettings | null = null;
  const customLoads: { files: File[]; spec: CustomModelSpec }[] = [];
  let workers = 1;
  let helpers: { worker: Worker; ready: Promise<Remote> }[] = [];
  // Helpers replaced while a job still runs on them finish their chunk first (its model key then
  // differs, and the job says so) and are ended when no job is running.
  let retired: Worker[] = [];
  let poolJobs = 0;

  function dropHelpers(): void {
    retired.push(...helpers.map((h) => h.worker));
    helpers = [];
    if (poolJobs === 0) endRetired();
  }

  function endRetired(): void {
    for (const worker of retired) worker.terminate();
    retired = [];
  }

  function ensureHelpers(): Promise<Remote>[] {
    if (!settings) return [];
    const wanted = workers - 1;
    const base = { ...settings, wasmThreads: 1 };
    while (helpers.length < wanted) {
      const { worker, api: helper } = startWorker();
      const ready = (async () => {
        for (const load of customLoads) await helper.loadCustomModel(load.files, load.spec);
        await helper.configure(base);
        return helper;
      })();
      const entry = { worker, ready };
      // A helper that cannot start is left out of the job (the primary still runs it) and retried next time.
      ready.catch(() => {
        worker.terminate();
        helpers = helpers.filter((h) => h !== entry);
      });
      helpers.push(entry);
    }
    return helpers.map((h) => h.ready);
  }

  function withWorkers(info: EngineInfo): PoolInfo {
    workers = poolSize(info.backend.name, cores(), settings?.workers);
    return { ...info, workers };
  }

  /** One job id per call; aborting the signal asks the worker to stop between images. */
  async function runJob<T>(
    { signal, onProgress }: JobOptions,
    start: (jobId: string, progress: JobOptions['onProgress']) => Promise<T>,
  ): Promise<T> {
    if (signal?.aborted) throw new LikenessError('aborted', 'Cancelled');
    const jobId = `job-${++jobCounter}`;
    const onAbort = () => void api.cancel(jobId);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await start(jobId, onProgress ? Comlink.proxy(onProgress) : undefined);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Runs `chunks` on the primary and its helpers, each pulling the next chunk as it becomes free;
   * progress sums the chunks' counts of `total`. Results come back in chunk order.
   */
  async function inPool<C, R>(
    chunks: readonly C[],
    total: number,
    call: (lane: Remote, jobId: string, chunk: C, progress: JobOptions['onProgress']) => Promise<R>,
    { signal, onProgress }: JobOptions,
  ): Promise<R[]> {
    if (signal?.aborted) throw new LikenessError('aborted', 'Cancelled');
    const lanes = [Promise.resolve(api), ...ensureHelpers()];
    const running = new Map<string, Remote>();
    const done = new Array<number>(chunks.length).fill(0);
    const failed = new Array<number>(chunks.length).fill(0);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const cancelRunning = () => {
      for (const [jobId, lane] of running) void lane.cancel(jobId);
    };
    signal?.addEventListener('abort', cancelRunning, { once: true });
    poolJobs++;
    try {
      return await runInLanes(
        lanes,
        chunks,
        async (lane, part, index) => {
          const jobId = `job-${++jobCounter}`;
          running.set(jobId, lane);
          const progress = (d: number, _total: number, f: number) => {
            done[index] = d;
            failed[index] = f;
            onProgress?.(sum(done), total, sum(failed));
          };
          try {
            return await call(lane, jobId, part, Comlink.proxy(progress));
          } finally {
            running.delete(jobId);
          }
        },
        { shouldStop: () => signal?.aborted === true, onFailure: cancelRunning },
      );
    } finally {
      signal?.removeEventListener('abort', cancelRunning);
      if (--poolJobs === 0) endRetired();
    }
  }

  /**
   * A stored-image job over the pool, in chunks of image ids: each chunk's result, their total of
   * any count, the model key they share, and the seconds it all took.
   */
  async function imagesInPool<R extends { modelKey: string }>(
    ids: string[],
    call: (lane: Remote, jobId: string, imageIds: string[], progress: JobOptions['onProgress']) => Promise<R>,
    options: JobOptions,
  ) {
    const t0 = performance.now();
    // An empty job still asks one worker, which answers with its model key.
    const chunks = ids.length ? chunk(ids, chunkSizeFor(ids.length, workers)) : [[]];
    const parts = await inPool(chunks, ids.length, call, options);
    const first = parts[0]!;
    if (parts.some((p) => p.modelKey !== first.modelKey))
      throw new LikenessError('invalid-argument', 'The model changed during the job');
    return {
      parts,
      modelKey: first.modelKey as R['modelKey'],
      sum: (pick: (p: R) => number) => parts.reduce((s, p) => s + pick(p), 0),
      seconds: (performance.now() - t0) / 1000,
    };
  }

  return {
    async configure(next) {
      // Several workers share the cores: each runs single-threaded WASM unless told otherwise.
      const planned = next.workers ?? cores();
      const wasmThreads = next.wasmThreads ?? (planned > 1 ? 1 : undefined);
      const info = await api.configure({ ...next, ...(wasmThreads ? { wasmThreads } : {}) });
      const changed = JSON.stringify(settings) !== JSON.stringify({ ...next, modelId: info.model.id });
      settings = { ...next, modelId: info.model.id };
      if (changed) dropHelpers();
      return withWorkers(info);
    },
    async loadCustomModel(files, spec) {
      const info = await api.loadCustomModel(files, spec);
      const same = customLoads.findIndex((l) => l.spec.label === spec.label);
      if (same >= 0) customLoads.splice(same, 1);
      customLoads.push({ files, spec });
      settings = {
        ...(settings ?? { backend: 'auto', cropMode: 'auto' }),
        modelId: info.model.id,
        cropMode: 'auto',
      };
      dropHelpers();
      return withWorkers(info);
    },
    embed(requests, options = {}) {
      const { signal, onProgress, ...embedOptions } = options;
      return runJob({ signal, onProgress }, (jobId, progress) =>
        api.embed(jobId, requests, embedOptions, progress),
      );
    },
    embedAllFaces(image, options = {}) {
      const { name, ...job } = options;
      return runJob(job, (jobId, progress) => api.embedAllFaces(jobId, image, progress, name));
    },
    faceCrop(image, options = {}) {
      const { name, ...job } = options;
      return runJob(job, (jobId) => api.faceCrop(jobId, image, name));
    },
    async embedStored(job, options = {}) {
      if (workers === 1) return runJob(options, (jobId, progress) => api.embedStored(jobId, job, progress));
      const { parts, modelKey, sum, seconds } = await imagesInPool(
        job.imageIds,
        (lane, jobId, imageIds, progress) => lane.embedStored(jobId, { ...job, imageIds }, progress),
        options,
      );
      return {
        modelKey,
        embedded: sum((p) => p.embedded),
        failed: sum((p) => p.failed),
        cached: sum((p) => p.cached),
        seconds,
        msPerStage: weightedStageMeans(
          parts.map((p) => ({ images: p.embedded + p.failed, msPerStage: p.msPerStage })),
        ),
      };
    },
    ...libraryEngine(api, inPool, imagesInPool, () => workers),
    async memory() {
      const all = [api, ...(await Promise.all(helpers.map((h) => h.ready.catch(() => null))))];
      const each = await Promise.all(all.map((w) => w?.memory() ?? { numTensors: 0, numBytes: 0 }));
      return {
        numTensors: each.reduce((s, m) => s + m.numTensors, 0),
        numBytes: each.reduce((s, m) => s + m.numBytes, 0),
      };
    },
    simulateContextLoss: () => api.simulateContextLoss(),
    terminate() {
      dropHelpers();
      endRetired();
      api[Comlink.releaseProxy]();
      primary.worker.terminate();
    },
  };
}
