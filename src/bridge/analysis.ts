import * as Comlink from 'comlink';
import { LikenessError } from '../core/errors';
import type { EvaluationData } from '../core/evaluation/data';
import { installErrorTransfer } from '../worker-shared/comlink-errors';
import type { AnalysisApi } from '../analysis/worker';
import type { SuspectPhase, SuspectReport } from '../analysis/label-check';

/** The one door to the analysis worker (src/analysis/worker.ts), started on first use and kept. */
export interface AnalysisClient {
  /** Suspect labels and near-duplicates of an evaluation, its images enrolled at `size`. */
  checkLabels(
    data: EvaluationData,
    size: number,
    options?: {
      signal?: AbortSignal;
      onProgress?: (phase: SuspectPhase, done: number, total: number) => void;
    },
  ): Promise<SuspectReport>;
}

let jobCounter = 0;

export function createAnalysisClient(): AnalysisClient {
  installErrorTransfer();
  let api: Comlink.Remote<AnalysisApi> | null = null;
  const start = () => {
    const worker = new Worker(new URL('../analysis/worker.ts', import.meta.url), {
      type: 'module',
      name: 'likeness-analysis',
    });
    return Comlink.wrap<AnalysisApi>(worker);
  };
  return {
    async checkLabels(data, size, { signal, onProgress } = {}) {
      if (signal?.aborted) throw new LikenessError('aborted', 'The label check was cancelled');
      api ??= start();
      const remote = api;
      const jobId = `check-${++jobCounter}`;
      const onAbort = () => void remote.cancel(jobId);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await remote.checkLabels(
          jobId,
          data,
          size,
          onProgress ? Comlink.proxy(onProgress) : undefined,
        );
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
