import { create } from 'zustand';
import { errorMessage } from '../core/errors';
import type { MatchRule } from '../core/matcher';
import { summarise, type Summary } from '../core/metrics';
import { interruptedEnrolments, planEnrolment, runEnrolment, type EnrolmentRequest } from '../app/enrolment';
import { recognise, type ProbeOutcome, type ProbeScope } from '../app/recognition';
import { modelKeyOf } from '../core/model-key';
import { deleteDatabase, listDatabases, renameDatabase } from '../app/databases';
import type { DatabaseRecord } from '../storage/schema';
import { defaultModelId, defaultThresholdOf } from '../app/engine';
import { engineClient, useEngine } from './engine';
import { countedJobRunner, type JobState } from './job';
import { useSettings } from './settings';

export type { JobState };
export { isImportedDatabase } from '../app/recognition';

interface RecognitionStore {
  databases: DatabaseRecord[];
  selectedId: string | null;
  job: JobState;
  threshold: number;
  outcomes: ProbeOutcome[] | null;
  outcomesFor: string | null;
  /** The matching rule the outcomes were ranked with. */
  outcomesRule: MatchRule;
  scope: ProbeScope;
  interrupted: DatabaseRecord[][];
  refresh(): Promise<void>;
  select(id: string | null): void;
  enrol(request: EnrolmentRequest): Promise<void>;
  resume(group: DatabaseRecord[]): Promise<void>;
  recognise(scope: ProbeScope): Promise<void>;
  cancel(): void;
  /** Cancels the running job and settles when it has stopped. */
  stop(): Promise<void>;
  setThreshold(t: number): void;
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
}

const jobs = countedJobRunner((job) => useRecognition.setState({ job }));

/** Each model has its own calibrated distance scale (docs/models.md), custom models included. */
function defaultThresholdFor(modelId: string | undefined): number {
  const engine = useEngine.getState().state;
  return defaultThresholdOf(modelId, engine.status === 'ready' ? engine.info.models : undefined);
}

/** Makes sure the engine runs the model and crop mode a database was built with. */
export async function engineFor(database: DatabaseRecord) {
  const engine = useEngine.getState();
  const info = engine.state.status === 'ready' ? engine.state.info : null;
  if (!info || info.model.id !== database.modelId || info.cropMode !== database.cropMode) {
    await engine.apply({
      modelId: database.modelId,
      cropMode: database.cropMode,
    });
  }
  const after = useEngine.getState().state;
  if (after.status !== 'ready')
    throw new Error(after.status === 'error' ? after.message : 'The engine is not ready');
  return after.info;
}

export const useRecognition = create<RecognitionStore>((set, get) => ({
  databases: [],
  selectedId: null,
  job: { status: 'idle' },
  // The default model's; replaced by the chosen database's model default on select.
  threshold: defaultThresholdOf(defaultModelId),
  outcomes: null,
  outcomesFor: null,
  outcomesRule: 'average',
  scope: { kind: 'held-out' },
  interrupted: [],

  async refresh() {
    try {
      const [databases, interrupted] = await Promise.all([listDatabases(), interruptedEnrolments()]);
      const selectedId = databases.some((g) => g.id === get().selectedId)
        ? get().selectedId
        : (databases.find((g) => g.status === 'ready')?.id ?? null);
      set({ databases, interrupted, selectedId });
    } catch (error) {
      set({ job: { status: 'error', message: errorMessage(error) } });
    }
  },

  select(id) {
    const database = get().databases.find((g) => g.id === id);
    set({
      selectedId: id,
      outcomes: get().outcomesFor === id ? get().outcomes : null,
      threshold: defaultThresholdFor(database?.modelId),
    });
  },

  async enrol(request) {
    await jobs.run('enrol', 'Building face database', async (signal, onProgress) => {
      const engine = useEngine.getState().state;
      if (engine.status !== 'ready') throw new Error('The face engine is not ready yet');
      const client = engineClient();
      const modelKey = modelKeyOf(engine.info.model.id, engine.info.cropMode);
      const planned = await planEnrolment(request, engine.info, modelKey);
      await get().refresh();
      const outcome = await runEnrolment(client, planned, { signal, onProgress });
      await get().refresh();
      get().select(outcome.databases[outcome.databases.length - 1]?.id ?? null);
      const { job } = outcome;
      return `Built for ${outcome.databases.map((g) => g.identities.length).join('/')} people: ${job.embedded} face prints made, ${job.cached} reused, ${job.failed} failed, in ${job.seconds.toFixed(1)} s`;
    });
  },

  async resume(group) {
    await jobs.run('enrol', 'Resuming face database', async (signal, onProgress) => {
      const first = group[0];
      if (!first) return 'Nothing to resume';
      await engineFor(first);
      const outcome = await runEnrolment(engineClient(), group, { signal, onProgress });
      await get().refresh();
      get().select(outcome.databases[outcome.databases.length - 1]?.id ?? null);
      return `Resumed: ${outcome.job.cached} face prints were already stored, ${outcome.job.embedded} made now`;
    });
  },

  async recognise(scope) {
    const database = get().databases.find((g) => g.id === get().selectedId);
    if (!database) return;
    set({ scope });
    const what = scope.datasetId ? 'images' : 'test photos';
    await jobs.run('recognise', `Recognising ${what}`, async (signal, onProgress) => {
      await engineFor(database);
      const rule = useSettings.getState().matchRule;
      const outcomes = await recognise(engineClient(), database, scope, { signal, onProgress, rule });
      set({ outcomes, outcomesFor: database.id, outcomesRule: rule });
      return `Recognised ${outcomes.length} ${what}${rule === 'average' ? '' : ` (rule: ${rule})`}`;
    });
  },

  cancel() {
    jobs.cancel();
  },

  stop: () => jobs.stop(),

  setThreshold(t) {
    if (Number.isFinite(t) && t > 0) set({ threshold: t });
  },

  async rename(id, name) {
    await renameDatabase(id, name).catch((e: unknown) =>
      set({ job: { status: 'error', message: errorMessage(e) } }),
    );
    await get().refresh();
  },

  async remove(id) {
    await deleteDatabase(id).catch((e: unknown) =>
      set({ job: { status: 'error', message: errorMessage(e) } }),
    );
    if (get().outcomesFor === id) set({ outcomes: null, outcomesFor: null });
    await get().refresh();
  },
}));

/** The accuracy summary at the live threshold; recomputed only when outcomes or threshold change. */
export function summaryOf(outcomes: readonly ProbeOutcome[], threshold: number): Summary {
  return summarise(outcomes, threshold);
}
