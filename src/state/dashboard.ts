import { create } from 'zustand';
import { errorMessage } from '../core/errors';
import { planEvaluation, readEvaluation, runEvaluation, type EvaluationRequest } from '../app/dashboard';
import { matching } from '../app/matching';
import { recall, remember, type EvaluationRun } from '../app/session';
import { type DashboardReport } from '../core/evaluation/analyse';
import type { EvaluationData } from '../core/evaluation/data';
import { modelKeyOf } from '../core/model-key';
import type { SearchTiming } from '../core/evaluation/search-times';
import { engineClient, useEngine } from './engine';
import { countedJobRunner, type JobState } from './job';
import { engineFor, useRecognition } from './recognition';

interface DashboardStore {
  job: JobState;
  data: EvaluationData | null;
  report: DashboardReport | null;
  timings: SearchTiming[] | null;
  /** The request of the results shown (or of the interrupted run): the form starts from it. */
  request: EvaluationRequest | null;
  /** An evaluation that was under way when the page went away: offered as Resume. */
  interrupted: EvaluationRun | null;
  /** Bringing the last evaluation back from storage after a reload. */
  restoring: boolean;
  /** Why the last evaluation could not be brought back, if it could not. */
  restoreError: string | null;
  evaluate(request: EvaluationRequest): Promise<void>;
  /** Reads the last evaluation back from stored embeddings (once per page; no engine needed). */
  restore(): Promise<void>;
  /** Runs the interrupted evaluation again with its model; what was embedded before is reused. */
  resume(): Promise<void>;
  cancel(): void;
  /** Cancels the running job and settles when it has stopped. */
  stop(): Promise<void>;
  measureTimings(): Promise<void>;
  /** Sets the Recognise tab's live threshold. */
  applyThreshold(threshold: number): void;
}

const jobs = countedJobRunner((job) => useDashboard.setState({ job }));
let restoring: Promise<void> | null = null;

export const useDashboard = create<DashboardStore>((set, get) => ({
  job: { status: 'idle' },
  data: null,
  report: null,
  timings: null,
  request: null,
  interrupted: null,
  restoring: false,
  restoreError: null,

  async evaluate(request) {
    set({ request, interrupted: null, restoreError: null });
    await jobs.run('evaluate', 'Embedding the evaluation split', async (signal, onProgress) => {
      const engine = useEngine.getState().state;
      if (engine.status !== 'ready') throw new Error('The face engine is not ready yet');
      const run: EvaluationRun = { request, modelId: engine.info.model.id, cropMode: engine.info.cropMode };
      // Marked as under way until it ends, so a reload in between offers to resume it.
      await remember('evaluation-job', run);
      try {
        const plan = await planEvaluation(request);
        const data = await runEvaluation(engineClient(), plan, { signal, onProgress });
        const report = await matching().analyse(data, request.sizes);
        set({ data, report, timings: null });
        await remember('evaluation', run);
        const tested = report.curve[0]?.tested ?? 0;
        const { failed } = data;
        return `Measured ${data.people.length} people, ${tested} test photos${data.strangersName ? `, ${data.strangers.length} photos of strangers` : ''} (${failed.probes + failed.enrolment + failed.strangers} photos without a face left out)`;
      } finally {
        await remember('evaluation-job', undefined);
      }
    });
  },

  restore() {
    restoring ??= (async () => {
      try {
        const [last, pending] = await Promise.all([recall('evaluation'), recall('evaluation-job')]);
        if (get().job.status === 'running') return;
        set({
          interrupted: pending ?? null,
          request: get().request ?? pending?.request ?? last?.request ?? null,
        });
        if (!last || get().report) return;
        set({ restoring: true });
        const plan = await planEvaluation(last.request);
        const data = await readEvaluation(plan, modelKeyOf(last.modelId, last.cropMode));
        // An evaluation run in this page meanwhile is newer.
        const report = await matching().analyse(data, last.request.sizes);
        if (!get().report) set({ data, report, timings: null });
      } catch (error) {
        set({ restoreError: `The last evaluation could not be brought back: ${errorMessage(error)}` });
        // Said once: the next reload does not try again.
        await remember('evaluation', undefined).catch(() => {});
      } finally {
        set({ restoring: false });
      }
    })();
    return restoring;
  },

  async resume() {
    const pending = get().interrupted;
    if (!pending) return;
    try {
      await engineFor(pending);
    } catch (error) {
      set({ job: { status: 'error', message: errorMessage(error) } });
      return;
    }
    await get().evaluate(pending.request);
  },

  cancel() {
    jobs.cancel();
  },

  stop: () => jobs.stop(),

  async measureTimings() {
    const { data, report } = get();
    if (!data || !report) return;
    try {
      const timings = await matching().searchTimes(data, report.size);
      // A newer evaluation replaced the one these were measured on.
      if (get().data === data) set({ timings });
    } catch (error) {
      set({ job: { status: 'error', message: errorMessage(error) } });
    }
  },

  applyThreshold(threshold) {
    useRecognition.getState().setThreshold(threshold);
  },
}));
