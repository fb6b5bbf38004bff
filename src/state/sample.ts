import { create } from 'zustand';
import { LikenessError } from '../core/errors';
import { modelKeyOf } from '../core/model-key';
import type { PickedFolder } from '../bridge/importer';
import attributionUrl from '../sample-data/bbt/ATTRIBUTION.md?url&no-inline';
import { useDataset } from './dataset';
import { useEngine, whenEngineReady } from './engine';
import { jobRunner, type JobStatus } from './job';
import { useRecognition } from './recognition';
import { withWriteLock } from './write-lock';

/**
 * The built-in sample: the MIT-licensed Big Bang Theory crops the e2e tests use, emitted by Vite as
 * hashed assets of the app's own origin (so the service worker precaches them) and run through the
 * very same import → enrol → recognise path as a user's folder.
 */
const sampleUrls = import.meta.glob<string>('../sample-data/bbt/*/*.png', {
  query: '?url&no-inline',
  import: 'default',
  eager: true,
});

export const sample = {
  /** Root folder name of the picked folder: the importer names the dataset after it. */
  name: 'Big Bang Theory sample',
  attribution: 'Big Bang Theory cast crops from the face-api.js examples, MIT',
  attributionUrl,
  people: 8,
  images: Object.keys(sampleUrls).length,
  perPerson: 3,
  testPerPerson: 2,
  seed: 42,
} as const;

/** `<person>/<file>` for each sample image, with its URL. */
const sampleFiles = Object.entries(sampleUrls)
  .map(([source, url]) => ({ path: source.split('/').slice(-2).join('/'), url }))
  .sort((a, b) => a.path.localeCompare(b.path));

export type SampleStep = 'fetch' | 'import' | 'engine' | 'enrol' | 'recognise';

/** Which step runs and how many images were fetched; the line it leaves when done. */
export type SampleRun = JobStatus<string, { step: SampleStep; fetched: number }>;

interface SampleStore {
  run: SampleRun;
  /** Fetches, imports, enrols and recognises the sample, then opens the Recognise tab. */
  start(): Promise<void>;
  cancel(): void;
  /** Cancels a running sample and settles when it has stopped. */
  stop(): Promise<void>;
}

const runner = jobRunner<string, { step: SampleStep; fetched: number }>((run) => useSample.setState({ run }));

const aborted = () => new LikenessError('aborted', 'Sample cancelled');

/** The sample as a PickedFolder, exactly as a folder pick of `Big Bang Theory sample/` would give. */
async function fetchSample(signal: AbortSignal, onFile: () => void): Promise<PickedFolder> {
  const files = await Promise.all(
    sampleFiles.map(async ({ path, url }) => {
      const response = await fetch(url, { signal });
      if (!response.ok) throw new Error(`The sample image ${path} could not be loaded (${response.status})`);
      const blob = await response.blob();
      const name = path.split('/').at(-1) ?? path;
      onFile();
      return { path: `${sample.name}/${path}`, file: new File([blob], name, { type: 'image/png' }) };
    }),
  );
  return { files, emptyFolders: [], unreadable: [] };
}

/** Imports the sample, or reuses (and if interrupted, resumes) the one already stored. */
async function importSample(signal: AbortSignal, onFile: () => void, step: (s: SampleStep) => void) {
  const datasets = useDataset.getState();
  await datasets.refresh();
  const existing = useDataset
    .getState()
    .datasets.findLast((d) => d.name === sample.name && d.imageCount === sample.images);
  if (existing?.status === 'ready') {
    await datasets.select(existing.id);
    return existing.id;
  }
  const folder = await fetchSample(signal, onFile);
  if (signal.aborted) throw aborted();
  step('import');
  await datasets.importFolder(folder, existing?.id);
  const job = useDataset.getState().job;
  if (signal.aborted || job.status === 'cancelled') throw aborted();
  if (job.status === 'error') throw new Error(`Importing the sample failed: ${job.message}`);
  if (job.status !== 'done' || job.result.kind !== 'imported')
    throw new Error('The sample held no importable image');
  return job.result.datasetId;
}

/** The sample's face database for the current model, built unless one is stored already. */
async function enrolSample(datasetId: string, signal: AbortSignal) {
  const engine = useEngine.getState().state;
  const modelKey = engine.status === 'ready' ? modelKeyOf(engine.info.model.id, engine.info.cropMode) : '';
  const recognition = useRecognition.getState();
  await recognition.refresh();
  const stored = useRecognition
    .getState()
    .databases.findLast(
      (g) =>
        g.datasetId === datasetId &&
        g.status === 'ready' &&
        g.modelKey === modelKey &&
        g.perPerson === sample.perPerson &&
        g.testPerPerson === sample.testPerPerson &&
        g.seed === sample.seed,
    );
  if (stored) {
    recognition.select(stored.id);
    return;
  }
  await recognition.enrol({
    datasetId,
    perPerson: [sample.perPerson],
    testPerPerson: sample.testPerPerson,
    seed: sample.seed,
  });
  const job = useRecognition.getState().job;
  if (signal.aborted || job.status === 'cancelled') throw aborted();
  if (job.status === 'error') throw new Error(`Building the sample’s face database failed: ${job.message}`);
}

export const useSample = create<SampleStore>((set, get) => ({
  run: { status: 'idle' },

  async start() {
    if (get().run.status === 'running') return;
    await runner.run({ step: 'fetch', fetched: 0 }, async ({ signal, progress }) => {
      let fetched = 0;
      let step: SampleStep = 'fetch';
      const show = (next: SampleStep) => {
        step = next;
        progress(fetched, sample.images, { step, fetched });
      };
      try {
        const onFile = () => {
          fetched++;
          show(step);
        };
        // One lock over all of it: a second tab running the sample waits, then finds this one's
        // dataset and database stored and reuses them instead of importing and enrolling again.
        const { job, outcomes, outcomesFor, selectedId } = await withWriteLock(async () => {
          const datasetId = await importSample(signal, onFile, show);
          show('engine');
          await whenEngineReady(signal);
          show('enrol');
          await enrolSample(datasetId, signal);
          show('recognise');
          location.hash = 'recognise';
          await useRecognition.getState().recognise({ kind: 'held-out' });
          return useRecognition.getState();
        }, signal);
        if (signal.aborted || job.status === 'cancelled') throw aborted();
        if (job.status === 'error') throw new Error(`Recognising the sample failed: ${job.message}`);
        if (!outcomes || outcomesFor !== selectedId) throw new Error('The sample’s face database is missing');
        return `Sample recognised: ${outcomes.length} test photos of ${sample.people} people.`;
      } catch (error) {
        // Whatever a cancelled run's steps throw on the way out, it was cancelled.
        throw signal.aborted ? aborted() : error;
      }
    });
  },

  async stop() {
    get().cancel();
    await runner.stop();
  },

  cancel() {
    const run = get().run;
    if (run.status !== 'running') return;
    runner.cancel();
    if (run.step === 'import') useDataset.getState().cancelImport();
    if (run.step === 'enrol' || run.step === 'recognise') useRecognition.getState().cancel();
    // At once, not when the steps have unwound: the card is free for the next run.
    set({ run: { status: 'cancelled' } });
  },
}));
