import { compareAdaptation, enrolledClasses, type AdaptComparison, type AdaptMethod } from '../core/adapt';
import type { EngineClient } from '../bridge/engine';
import type { EvaluationData } from '../core/evaluation/data';

export interface AdaptReport extends AdaptComparison {
  method: AdaptMethod;
  /** Enrolled images per person the fit and both databases used (the dashboard's largest size). */
  size: number;
  /** What the projection was fitted on: enrolled images only, never a probe or a stranger. */
  trainedOn: { images: number; identities: number; testImages: 0 };
  rank: number;
  lambda: number;
  fitSeconds: number;
}

/**
 * Fits the projection in the engine worker on the evaluation's enrolled embeddings (each person's
 * first `size`, the same images the database averages), then re-runs nearest-average recognition on
 * the same probes, before and after. The probes never cross to the worker.
 */
export async function runAdaptation(
  client: EngineClient,
  data: EvaluationData,
  size: number,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<AdaptReport> {
  const classes = enrolledClasses(data.people, size);
  const t0 = performance.now();
  const fit = await client.fitAdaptation(classes, {
    signal: options.signal,
    onProgress: options.onProgress && ((done, total) => options.onProgress?.(done, total)),
  });
  const fitSeconds = (performance.now() - t0) / 1000;
  return {
    method: fit.method,
    size,
    trainedOn: { images: fit.images, identities: fit.people, testImages: 0 },
    rank: fit.rank,
    lambda: fit.lambda,
    fitSeconds,
    ...compareAdaptation(data.people, size, fit.projection),
  };
}
