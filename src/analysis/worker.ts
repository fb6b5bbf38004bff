/**
 * The analysis worker's door: the Dashboard's suspect-label and near-duplicate scans, off the main
 * thread (they compare every image with every person's average and with every other image). Reads
 * the stored embeddings itself; the page hands over the evaluation and gets progress back.
 */
import * as Comlink from 'comlink';
import type { EvaluationData } from '../core/evaluation/data';
import { installErrorTransfer } from '../worker-shared/comlink-errors';
import { analyseSuspects, inPlainView, type SuspectPhase, type SuspectReport } from './label-check';

/** Each running job's controller, by job id (messages arrive in order: a job starts before its cancel). */
const running = new Map<string, AbortController>();

export const analysisApi = {
  async checkLabels(
    jobId: string,
    data: EvaluationData,
    size: number,
    onProgress?: (phase: SuspectPhase, done: number, total: number) => void,
  ): Promise<SuspectReport> {
    const controller = new AbortController();
    running.set(jobId, controller);
    try {
      return await analyseSuspects(await inPlainView(data), size, { signal: controller.signal, onProgress });
    } finally {
      running.delete(jobId);
    }
  },
  cancel(jobId: string): void {
    running.get(jobId)?.abort();
  },
};

export type AnalysisApi = typeof analysisApi;

installErrorTransfer();
Comlink.expose(analysisApi);
