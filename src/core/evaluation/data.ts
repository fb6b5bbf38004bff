import type { ModelKey } from '../model-key';
import type { EvaluationPerson } from '../enrolment-curve';

/**
 * An evaluated person with the stored image ids behind its vectors, index for index (thumbnails
 * in the per-person and suspect views). Absent for data not read from storage.
 */
export interface EvaluatedPerson extends EvaluationPerson {
  enrolmentIds?: readonly string[];
  probeIds?: readonly string[];
}

/** Embeddings of one evaluation, read back from storage; images without a face are left out and counted. */
export interface EvaluationData {
  modelKey: ModelKey;
  datasetName: string;
  strangersName: string | null;
  people: EvaluatedPerson[];
  strangers: Float32Array[];
  /** Image ids of `strangers`, index for index. */
  strangerIds?: string[];
  failed: { probes: number; enrolment: number; strangers: number };
  testPerPerson: number;
  maxEnrol: number;
}
