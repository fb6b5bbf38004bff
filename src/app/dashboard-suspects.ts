import { createAnalysisClient, type AnalysisClient } from '../bridge/analysis';
import type { EvaluationData } from '../core/evaluation/data';
import type { SuspectPhase, SuspectReport } from '../analysis/label-check';

export type {
  CheckedImage,
  DuplicateRow,
  ImageRole,
  SuspectPhase,
  SuspectReport,
  SuspectRow,
} from '../analysis/label-check';

let client: AnalysisClient | null = null;

/**
 * Suspect labels and near-duplicates over every image of the Dashboard's evaluation (enrolled at
 * `size`), in the analysis worker: the page stays responsive however many images there are.
 */
export function checkSuspects(
  data: EvaluationData,
  size: number,
  options: {
    signal?: AbortSignal;
    onProgress?: (phase: SuspectPhase, done: number, total: number) => void;
  } = {},
): Promise<SuspectReport> {
  client ??= createAnalysisClient();
  return client.checkLabels(data, size, options);
}
