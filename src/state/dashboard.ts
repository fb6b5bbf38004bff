import { create } from 'zustand';
import { errorMessage } from '../core/errors';
import { planEvaluation, runEvaluation, type EvaluationRequest } from '../app/dashboard';
import { analyseEvaluation, type DashboardReport } from '../core/evaluation/analyse';
import type { EvaluationData } from '../core/evaluation/data';
import { measureSearchTimes, type SearchTiming } from '../core/evaluation/search-times';
import { engineClient, useEngine } from './engine';
import { countedJobRunner, type JobState } from './job';
import { useRecognition } from './recognition';

interface DashboardStore {
  job: JobState;
  data: EvaluationData | null;
  report: DashboardReport | null;
  timings: SearchTiming[] | null;
  evaluate(request: EvaluationRequest): Promise<void>;
  cancel(): void;
  /** Cancels the running job and settles when it has stopped. */
  stop(): Promise<void>;
  measureTimings(): void;
  /** Sets the Recognise tab's live threshold. */
  applyThreshold(threshold: number): void;
}

const jobs = countedJobRunner((job) => useDashboard.setState({ job }));

export const useDashboard = create<DashboardStore>((set, get) => ({
  job: { status: 'idle' },
  data: null,
  report: null,
  timings: null,

  async evaluate(request) {
    await jobs.run('evaluate', 'Embedding the evaluation split', async (signal, onProgress) => {
      const engine = useEngine.getState().state;
      if (engine.status !== 'ready') throw new Error('The face engine is not ready yet');
      const plan = await planEvaluation(request);
      const data = await runEvaluation(engineClient(), plan, { signal, onProgress });
      const report = analyseEvaluation(data, request.sizes);
      set({ data, report, timings: null });
      const tested = report.curve[0]?.tested ?? 0;
      const { failed } = data;
      return `Measured ${data.people.length} people, ${tested} test photos${data.strangersName ? `, ${data.strangers.length} photos of strangers` : ''} (${failed.probes + failed.enrolment + failed.strangers} photos without a face left out)`;
    });
  },

  cancel() {
    jobs.cancel();
  },

  stop: () => jobs.stop(),

  measureTimings() {
    const { data, report } = get();
    if (!data || !report) return;
    try {
      set({ timings: measureSearchTimes(data, report.size) });
    } catch (error) {
      set({ job: { status: 'error', message: errorMessage(error) } });
    }
  },

  applyThreshold(threshold) {
    useRecognition.getState().setThreshold(threshold);
  },
}));
