import { create } from 'zustand';
import { errorMessage } from '../core/errors';
import { comparisonOf, type MatchRule } from '../core/matcher';
import { summarise, type Summary } from '../core/metrics';
import { interruptedEnrolments, planEnrolment, runEnrolment, type EnrolmentRequest } from '../app/enrolment';
import { recognise, type ProbeOutcome, type ProbeScope } from '../app/recognition';
import { modelKeyOf } from '../core/model-key';
import { deleteDatabase, listDatabases, renameDatabase } from '../app/databases';
import { recall, remember, type SessionRecords } from '../app/session';
import type { DatabaseRecord } from '../storage/schema';
import { defaultModelId, thresholdsOf } from '../app/engine-door';
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
  /** A recognition that was under way when the page went away: offered as Resume. */
  interruptedRecognition: SessionRecords['recognition-job'] | null;
  /** False until the stored databases (and the chosen one) have been read once. */
  restored: boolean;
  refresh(): Promise<void>;
  /** Reads back the chosen database, its threshold, the last results and an interrupted recognition. */
  restore(): Promise<void>;
  select(id: string | null): void;
  enrol(request: EnrolmentRequest): Promise<void>;
  resume(group: DatabaseRecord[]): Promise<void>;
  recognise(scope: ProbeScope): Promise<void>;
  /** Runs the interrupted recognition again; what was embedded before the reload is reused. */
  resumeRecognition(): Promise<void>;
  cancel(): void;
  /** Cancels the running job and settles when it has stopped. */
  stop(): Promise<void>;
  setThreshold(t: number): void;
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
}

const jobs = countedJobRunner((job) => useRecognition.setState({ job }));

/** The people an enrolment left out, in words for the job's outcome ('' when none). */
const leftOutWords = (names: readonly string[]): string =>
  names.length ? `. Left out, as no photo of them showed a face: ${names.join(', ')}` : '';

/**
 * Each model has its own calibrated distance scale (docs/models.md), custom models included, and
 * each matching rule its own threshold on it: to an average, or to the nearest enrolled photo.
 */
function defaultThresholdFor(modelId: string | undefined, rule = useSettings.getState().matchRule): number {
  const engine = useEngine.getState().state;
  return thresholdsOf(modelId, engine.status === 'ready' ? engine.info.models : undefined)[
    comparisonOf(rule)
  ];
}

/** A failure to store what the page shows: shown like a job's failure, nothing else is lost. */
function rememberOrSay<K extends keyof SessionRecords>(key: K, value: SessionRecords[K] | undefined) {
  remember(key, value).catch((e: unknown) =>
    useRecognition.setState({ job: { status: 'error', message: errorMessage(e) } }),
  );
}

/** Makes sure the engine runs the model and crop mode a database (or an evaluation) was made with. */
export async function engineFor(database: Pick<DatabaseRecord, 'modelId' | 'cropMode'>) {
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
  threshold: thresholdsOf(defaultModelId)[comparisonOf(useSettings.getState().matchRule)],
  outcomes: null,
  outcomesFor: null,
  outcomesRule: 'average',
  scope: { kind: 'held-out' },
  interrupted: [],

  interruptedRecognition: null,
  restored: false,

  async refresh() {
    try {
      const [databases, interrupted, chosen] = await Promise.all([
        listDatabases(),
        interruptedEnrolments(),
        recall('database'),
      ]);
      const ready = (id: string | null | undefined) =>
        databases.some((g) => g.id === id && g.status === 'ready') ? id! : null;
      const before = get().selectedId;
      const selectedId =
        ready(before) ?? ready(chosen?.id) ?? databases.find((g) => g.status === 'ready')?.id ?? null;
      set({ databases, interrupted, restored: true });
      if (selectedId !== before) {
        const database = databases.find((g) => g.id === selectedId);
        set({
          selectedId,
          threshold:
            chosen && chosen.id === selectedId ? chosen.threshold : defaultThresholdFor(database?.modelId),
        });
      }
    } catch (error) {
      set({ restored: true, job: { status: 'error', message: errorMessage(error) } });
    }
  },

  async restore() {
    await get().refresh();
    try {
      const [last, pending] = await Promise.all([recall('recognition'), recall('recognition-job')]);
      const { databases, outcomes } = get();
      const exists = (id: string | undefined) => databases.some((g) => g.id === id && g.status === 'ready');
      // A recognition finished in this page since it loaded is newer than the stored one.
      if (last && exists(last.databaseId) && outcomes === null)
        set({
          outcomes: last.outcomes,
          outcomesFor: last.databaseId,
          outcomesRule: last.rule,
          scope: last.scope,
        });
      if (pending && exists(pending.databaseId) && get().job.status !== 'running')
        set({ interruptedRecognition: pending });
    } catch (error) {
      set({ job: { status: 'error', message: errorMessage(error) } });
    }
  },

  select(id) {
    const database = get().databases.find((g) => g.id === id);
    const threshold = defaultThresholdFor(database?.modelId);
    // The last results stay: they show again when their database is chosen again.
    set({ selectedId: id, threshold });
    rememberOrSay('database', id ? { id, threshold } : undefined);
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
      return `Built for ${outcome.databases.map((g) => g.identities.length).join('/')} people: ${job.embedded} face prints made, ${job.cached} reused, ${job.failed} failed, in ${job.seconds.toFixed(1)} s${leftOutWords(outcome.leftOut)}`;
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
      return `Resumed: ${outcome.job.cached} face prints were already stored, ${outcome.job.embedded} made now${leftOutWords(outcome.leftOut)}`;
    });
  },

  async recognise(scope) {
    const database = get().databases.find((g) => g.id === get().selectedId);
    if (!database) return;
    set({ scope, interruptedRecognition: null });
    const what = scope.datasetId ? 'images' : 'test photos';
    await jobs.run('recognise', `Recognising ${what}`, async (signal, onProgress) => {
      // Marked as under way until it ends, so a reload in between offers to resume it.
      await remember('recognition-job', { databaseId: database.id, scope });
      try {
        await engineFor(database);
        const rule = useSettings.getState().matchRule;
        const outcomes = await recognise(engineClient(), database, scope, { signal, onProgress, rule });
        set({ outcomes, outcomesFor: database.id, outcomesRule: rule });
        await remember('recognition', { databaseId: database.id, scope, rule, outcomes });
        return `Recognised ${outcomes.length} ${what}${rule === 'average' ? '' : ` (rule: ${rule})`}`;
      } finally {
        await remember('recognition-job', undefined);
      }
    });
  },

  async resumeRecognition() {
    const pending = get().interruptedRecognition;
    if (!pending) return;
    if (get().selectedId !== pending.databaseId) get().select(pending.databaseId);
    await get().recognise(pending.scope);
  },

  cancel() {
    jobs.cancel();
  },

  stop: () => jobs.stop(),

  setThreshold(t) {
    if (!(Number.isFinite(t) && t > 0)) return;
    set({ threshold: t });
    const id = get().selectedId;
    if (id) rememberOrSay('database', { id, threshold: t });
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
    if (get().outcomesFor === id) {
      set({ outcomes: null, outcomesFor: null });
      rememberOrSay('recognition', undefined);
    }
    await get().refresh();
  },
}));

// A new matching rule judges its distances by its own calibrated threshold.
useSettings.subscribe((settings, before) => {
  if (settings.matchRule === before.matchRule) return;
  const { databases, selectedId } = useRecognition.getState();
  const database = databases.find((g) => g.id === selectedId);
  useRecognition.setState({ threshold: defaultThresholdFor(database?.modelId, settings.matchRule) });
});

/** The accuracy summary at the live threshold; recomputed only when outcomes or threshold change. */
export function summaryOf(outcomes: readonly ProbeOutcome[], threshold: number): Summary {
  return summarise(outcomes, threshold);
}
