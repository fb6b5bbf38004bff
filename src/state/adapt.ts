import { create } from 'zustand';
import { runAdaptation, type AdaptReport } from '../app/adapt';
import type { EvaluationData } from '../app/dashboard';
import { engineClient } from './engine';
import { failedJob, jobSlot } from './job';

export type AdaptJob =
  | { status: 'idle' }
  | { status: 'running'; done: number; total: number }
  | { status: 'error'; message: string };

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

const slot = jobSlot();

export const useAdapt = create<AdaptStore>((set) => ({
  job: { status: 'idle' },
  report: null,
  reportFor: null,

  async adapt(data, size) {
    try {
      await slot.run(async (signal) => {
        set({ job: { status: 'running', done: 0, total: 0 }, report: null, reportFor: null });
        const report = await runAdaptation(engineClient(), data, size, {
          signal,
          onProgress: (done, total) => set({ job: { status: 'running', done, total } }),
        });
        set({ job: { status: 'idle' }, report, reportFor: data });
      });
    } catch (error) {
      set({ job: failedJob(error) });
    }
  },

  cancel() {
    slot.cancel();
  },

  stop: () => slot.stop(),
}));
