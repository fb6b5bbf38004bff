import { create } from 'zustand';
import type { EvaluationData } from '../app/dashboard';
import {
  analyseSuspects,
  inPlainView,
  type SuspectPhase,
  type SuspectReport,
} from '../app/dashboard-suspects';
import { failedJob, jobSlot } from './job';

export type SuspectState =
  | { status: 'idle' }
  | { status: 'running'; phase: SuspectPhase; done: number; total: number }
  | { status: 'done'; report: SuspectReport }
  | { status: 'error'; message: string };

interface SuspectStore {
  /** The evaluation the state belongs to; a new evaluation starts a new check. */
  data: EvaluationData | null;
  state: SuspectState;
  check(data: EvaluationData, size: number): Promise<void>;
  cancel(): void;
  /** Cancels the running job and settles when it has stopped. */
  stop(): Promise<void>;
}

const slot = jobSlot();

/** Suspect labels and near-duplicates of the dashboard's last evaluation, checked in slices. */
export const useSuspects = create<SuspectStore>((set, get) => ({
  data: null,
  state: { status: 'idle' },

  async check(data, size) {
    try {
      await slot.run(async (signal) => {
        set({ data, state: { status: 'running', phase: 'scoring', done: 0, total: 0 } });
        const report = await analyseSuspects(await inPlainView(data), size, {
          signal,
          onProgress: (phase, done, total) => set({ state: { status: 'running', phase, done, total } }),
        });
        if (get().data === data) set({ state: { status: 'done', report } });
      });
    } catch (error) {
      if (get().data !== data) return;
      set({ state: failedJob(error) });
    }
  },

  cancel() {
    slot.cancel();
  },

  stop: () => slot.stop(),
}));
