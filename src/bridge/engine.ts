import * as Comlink from 'comlink';
import { LikenessError } from '../core/errors';
import { installErrorTransfer } from '../engine/comlink-errors';
import type { EngineApi, EngineSettings } from '../engine/worker';
import type {
  CustomModelSpec,
  EmbedOptions,
  EmbedOutcome,
  EmbedRequest,
  EngineInfo,
  MemoryInfo,
} from '../engine/protocol';

export type { EngineSettings };

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

  return {
    configure: (settings) => api.configure(settings),
    loadCustomModel: (files, spec) => api.loadCustomModel(files, spec),
    async embed(requests, options = {}) {
      const { signal, onProgress, ...embedOptions } = options;
      if (signal?.aborted) throw new LikenessError('aborted', 'Cancelled');
      const jobId = `job-${++jobCounter}`;
      const onAbort = () => void api.cancel(jobId);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await api.embed(
          jobId,
          requests,
          embedOptions,
          onProgress ? Comlink.proxy(onProgress) : undefined,
        );
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    memory: () => api.memory(),
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
