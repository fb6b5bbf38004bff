import * as Comlink from 'comlink';
import { LikenessError } from '../core/errors';
import { installErrorTransfer } from '../engine/comlink-errors';
import type { EngineApi, EngineSettings, StoredJob, StoredJobResult } from '../engine/worker';
import type { AdaptFit, AdaptFitOptions } from '../engine/adapt';
import type {
  AllFacesOutcome,
  CustomModelSpec,
  EmbedOptions,
  EmbedOutcome,
  EmbedRequest,
  EngineInfo,
  MemoryInfo,
} from '../engine/protocol';

export type { AdaptFit, AdaptFitOptions, EngineSettings, StoredJob, StoredJobResult };

type JobOptions = {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, failed: number) => void;
};

/**
 * The one door from the UI to the engine worker. Jobs take an AbortSignal;
 * progress arrives through a callback proxied across the boundary.
 */
export interface EngineClient {
  configure(settings: EngineSettings): Promise<EngineInfo>;
  loadCustomModel(files: File[], spec: CustomModelSpec): Promise<EngineInfo>;
  embed(
    requests: EmbedRequest[],
    options?: EmbedOptions & {
      signal?: AbortSignal;
      onProgress?: (done: number, total: number, failed: number) => void;
    },
  ): Promise<EmbedOutcome[]>;
  /** Finds every face in one photo (a camera snapshot) and embeds each; progress counts faces. */
  embedAllFaces(image: Blob, options?: JobOptions): Promise<AllFacesOutcome>;
  /** Embeds stored images, persisting each embedding; resumable and never embeds twice. */
  embedStored(job: StoredJob, options?: JobOptions): Promise<StoredJobResult>;
  /** Fits a projection on each person's enrolled embeddings (never probes); progress counts iterations. */
  fitAdaptation(
    classes: Float32Array[][],
    options?: Partial<AdaptFitOptions> & JobOptions,
  ): Promise<AdaptFit>;
  memory(): Promise<MemoryInfo>;
  terminate(): void;
}

let jobCounter = 0;

export function createEngineClient(): EngineClient {
  installErrorTransfer();
  const worker = new Worker(new URL('../engine/worker.ts', import.meta.url), {
    type: 'module',
    name: 'likeness-engine',
  });
  const api = Comlink.wrap<EngineApi>(worker);

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

  return {
    configure: (settings) => api.configure(settings),
    loadCustomModel: (files, spec) => api.loadCustomModel(files, spec),
    embed(requests, options = {}) {
      const { signal, onProgress, ...embedOptions } = options;
      return runJob({ signal, onProgress }, (jobId, progress) =>
        api.embed(jobId, requests, embedOptions, progress),
      );
    },
    embedAllFaces(image, options = {}) {
      return runJob(options, (jobId, progress) => api.embedAllFaces(jobId, image, progress));
    },
    embedStored(job, options = {}) {
      return runJob(options, (jobId, progress) => api.embedStored(jobId, job, progress));
    },
    fitAdaptation(classes, options = {}) {
      const { signal, onProgress, ...fit } = options;
      return runJob({ signal, onProgress }, (jobId, progress) =>
        api.fitAdaptation(jobId, classes, fit, progress),
      );
    },
    memory: () => api.memory(),
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
