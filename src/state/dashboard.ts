import { create } from 'zustand';
import { isAbortError } from '../core/errors';
import {
  analyseEvaluation,
  measureSearchTimes,
  planEvaluation,
  runEvaluation,
  type DashboardReport,
  type EvaluationData,
  type EvaluationRequest,
  type SearchTiming,
} from '../app/dashboard';
import { engineClient, useEngine } from './engine';
import { useRecognition, type JobState } from './recognition';

interface DashboardStore {
  job: JobState;
  data: EvaluationData | null;
  report: DashboardReport | null;
  timings: SearchTiming[] | null;
  evaluate(request: EvaluationRequest): Promise<void>;
  cancel(): void;
  measureTimings(): void;
  /** Sets the Recognise tab's live threshold. */
  applyThreshold(threshold: number): void;
}

let controller: AbortController | null = null;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const useDashboard = create<DashboardStore>((set, get) => ({
  job: { status: 'idle' },
  data: null,
  report: null,
  timings: null,

  async evaluate(request) {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    const label = 'Embedding the evaluation split';
    let startedAt = performance.now();
    let startDone = -1;
    set({
      job: {
        status: 'running',
        kind: 'evaluate',
        label,
        done: 0,
        total: 0,
        failed: 0,
        startedAt,
        startDone: 0,
        updatedAt: startedAt,
      },
    });
    try {
      const engine = useEngine.getState().state;
      if (engine.status !== 'ready') throw new Error('The face engine is not ready yet');
      const plan = await planEvaluation(request);
      const data = await runEvaluation(engineClient(), plan, {
        signal: own.signal,
        onProgress: (done, total, failed) => {
          const updatedAt = performance.now();
          if (startDone < 0) {
            startDone = done;
            startedAt = updatedAt;
          }
          set({
            job: {
              status: 'running',
              kind: 'evaluate',
              label,
              done,
              total,
              failed,
              startedAt,
              startDone,
              updatedAt,
            },
          });
        },
      });
      const report = analyseEvaluation(data, request.sizes);
      const tested = report.curve[0]?.tested ?? 0;
      const { failed } = data;
      set({
        data,
        report,
        timings: null,
        job: {
          status: 'done',
          kind: 'evaluate',
          message: `Evaluated ${data.identities.length} people, ${tested} held-out probes${data.strangersName ? `, ${data.strangers.length} stranger images` : ''} (${failed.probes + failed.enrolment + failed.strangers} images without a face left out)`,
        },
      });
    } catch (error) {
      set({ job: isAbortError(error) ? { status: 'idle' } : { status: 'error', message: message(error) } });
    } finally {
      if (controller === own) controller = null;
    }
  },

  cancel() {
    controller?.abort();
  },

  measureTimings() {
    const { data, report } = get();
    if (!data || !report) return;
    try {
      set({ timings: measureSearchTimes(data, report.size) });
    } catch (error) {
      set({ job: { status: 'error', message: message(error) } });
    }
  },

  applyThreshold(threshold) {
    useRecognition.getState().setThreshold(threshold);
  },
}));
