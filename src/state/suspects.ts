import { create } from 'zustand';
import type { EvaluationData } from '../core/evaluation/data';
import { checkSuspects, type SuspectPhase, type SuspectReport } from '../app/dashboard-suspects';
import { jobRunner, type JobStatus } from './job';

export type SuspectState = JobStatus<SuspectReport, { phase: SuspectPhase }>;

interface SuspectStore {
  /** The evaluation the state belongs to; a new evaluation starts a new check. */
  data: EvaluationData | null;
  state: SuspectState;
  check(data: EvaluationData, size: number): Promise<void>;
  cancel(): void;
  /** Cancels the running job and settles when it has stopped. */
  stop(): Promise<void>;
}

const runner = jobRunner<SuspectReport, { phase: SuspectPhase }>((state) => useSuspects.setState({ state }));

/** Suspect labels and near-duplicates of the dashboard's last evaluation, checked in the analysis worker. */
export const useSuspects = create<SuspectStore>((set) => ({
  data: null,
  state: { status: 'idle' },

  async check(data, size) {
    set({ data });
    await runner.run({ phase: 'scoring' }, async ({ signal, progress }) =>
      checkSuspects(data, size, {
        signal,
        onProgress: (phase, done, total) => progress(done, total, { phase }),
      }),
    );
  },

  cancel() {
    runner.cancel();
  },

  stop: () => runner.stop(),
}));
