import { create } from 'zustand';
import { runAdaptation, type AdaptReport } from '../app/adapt';
import type { EvaluationData } from '../core/evaluation/data';
import { engineClient } from './engine';
import { jobRunner, type JobStatus } from './job';

/** Fitting steps done of total; the report, once done, belongs to `reportFor`. */
export type AdaptJob = JobStatus<AdaptReport>;

interface AdaptStore {
  job: AdaptJob;
  report: AdaptReport | null;
  /** The evaluation the report belongs to: a new evaluation hides an old report. */
  reportFor: EvaluationData | null;
  adapt(data: EvaluationData, size: number): Promise<void>;
  cancel(): void;
  /** Cancels the running job and settles when it has stopped. */
  stop(): Promise<void>;
}

const runner = jobRunner<AdaptReport>((job) => useAdapt.setState({ job }));

export const useAdapt = create<AdaptStore>((set) => ({
  job: { status: 'idle' },
  report: null,
  reportFor: null,

  async adapt(data, size) {
    set({ report: null, reportFor: null });
    const outcome = await runner.run({}, ({ signal, progress }) =>
      runAdaptation(engineClient(), data, size, { signal, onProgress: progress }),
    );
    if (outcome.status === 'done') set({ report: outcome.result, reportFor: data });
  },

  cancel() {
    runner.cancel();
  },

  stop: () => runner.stop(),
}));
