import { create } from 'zustand';
import { errorMessage } from '../core/errors';
import {
  createImporterClient,
  deleteDataset,
  listDatasets,
  listImageIds,
  type ImporterClient,
} from '../app/dataset-door';
import { recall, remember } from '../app/session';
import type { PickedFolder } from '../bridge/importer';
import type { DatasetRecord, SkippedFile } from '../storage/schema';
import { jobRunner, type JobStatus } from './job';
import { useStorageInfo } from './storage-info';
import { withWriteLock } from './write-lock';

/** For the Dataset tab: reading a picked or dropped folder, and the stored images. */
export {
  entriesOf,
  folderFromEntries,
  folderFromInput,
  getThumb,
  getThumbs,
  pathOfImageId,
} from '../app/dataset-door';

/** What an import leaves: a dataset, or (when the pick held nothing importable) no dataset at all. */
export type ImportOutcome =
  | {
      kind: 'imported';
      datasetId: string;
      name: string;
      imported: number;
      seconds: number;
      imagesPerSecond: number;
    }
  | { kind: 'nothing'; name: string; skipped: SkippedFile[] };

/** The dataset being imported, and its name once known. */
export type ImportJob = JobStatus<ImportOutcome, { datasetId: string; name: string }>;

interface DatasetStore {
  datasets: DatasetRecord[];
  loaded: boolean;
  currentId: string | null;
  /** Image ids of the current dataset per person key, in natural order; null while loading. */
  imageIds: Record<string, string[]> | null;
  /** Person key the grid is filtered to. */
  personFilter: string | null;
  job: ImportJob;
  /** A failure outside an import (listing, deleting): shown until the next action. */
  error: string | null;
  refresh(): Promise<void>;
  select(id: string | null): Promise<void>;
  remove(id: string): Promise<void>;
  /** Imports a picked folder as a new dataset, or resumes `resumeId` with it. */
  importFolder(folder: PickedFolder, resumeId?: string): Promise<void>;
  cancelImport(): void;
  /** Cancels a running import and settles when its worker has stopped writing. */
  stopImport(): Promise<void>;
  setPersonFilter(key: string | null): void;
}

let client: ImporterClient | null = null;
function importer(): ImporterClient {
  client ??= createImporterClient();
  return client;
}
const runner = jobRunner<ImportOutcome, { datasetId: string; name: string }>((job) =>
  useDataset.setState({ job }),
);
/** Settles when the running import has stopped writing. */
let running: Promise<void> | null = null;

export const useDataset = create<DatasetStore>((set, get) => ({
  datasets: [],
  loaded: false,
  currentId: null,
  imageIds: null,
  personFilter: null,
  job: { status: 'idle' },
  error: null,

  async refresh() {
    try {
      const datasets = await listDatasets();
      set({ datasets, loaded: true });
      const { currentId } = get();
      if (currentId && datasets.some((d) => d.id === currentId)) return;
      const remembered = (await recall('dataset'))?.id;
      const pick = datasets.find((d) => d.id === remembered) ?? datasets.at(-1);
      if (get().currentId === currentId) await get().select(pick?.id ?? null);
    } catch (error) {
      set({ loaded: true, error: errorMessage(error) });
    }
  },

  async select(id) {
    set({ currentId: id, imageIds: null, personFilter: null, error: null });
    if (!id) return;
    try {
      const [imageIds] = await Promise.all([listImageIds(id), remember('dataset', { id })]);
      if (get().currentId === id) set({ imageIds });
    } catch (error) {
      if (get().currentId === id) set({ imageIds: {}, error: errorMessage(error) });
    }
  },

  async remove(id) {
    const { job } = get();
    if (job.status === 'running' && job.datasetId === id) {
      // Wait for the worker to stop, or its last batch would land after the delete.
      get().cancelImport();
      await running;
    }
    try {
      await deleteDataset(id);
      if (get().currentId === id) set({ currentId: null });
      await get().refresh();
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },

  importFolder(folder, resumeId) {
    if (get().job.status === 'running') return Promise.resolve();
    running = runImport(folder, resumeId).finally(() => {
      running = null;
    });
    return running;
  },

  cancelImport() {
    runner.cancel();
  },

  async stopImport() {
    runner.cancel();
    await running;
  },

  setPersonFilter(key) {
    set({ personFilter: key });
  },
}));

async function runImport(folder: PickedFolder, resumeId: string | undefined): Promise<void> {
  const { getState: get, setState: set } = useDataset;
  const datasetId = resumeId ?? crypto.randomUUID();
  set({ error: null });
  // The first import is when there is something to lose: ask the browser to keep it.
  void useStorageInfo.getState().keep();
  let firstReport = true;
  const outcome = await runner.run({ datasetId, name: '' }, async ({ signal, progress }) => {
    progress(0, folder.files.length);
    // Time spent waiting for another tab's job is not import time: the rate starts at the first report.
    const result = await withWriteLock(
      () =>
        importer().importFolder(
          { ...folder, datasetId, resume: resumeId !== undefined },
          {
            signal,
            onProgress({ done, total }) {
              if (signal.aborted) return;
              // The first report comes after planning: the dataset record exists now.
              if (firstReport) {
                firstReport = false;
                void get().refresh();
              }
              const name = get().datasets.find((d) => d.id === datasetId)?.name ?? '';
              progress(done, total, { name });
            },
          },
        ),
      signal,
    );
    if (result.kind === 'nothing') return { kind: 'nothing', name: result.name, skipped: result.skipped };
    const { dataset, imported, seconds } = result;
    return {
      kind: 'imported',
      datasetId,
      name: dataset.name,
      imported,
      seconds,
      imagesPerSecond: seconds > 0 ? imported / seconds : 0,
    };
  });
  await get().refresh();
  if (outcome.status === 'done') {
    if (outcome.result.kind === 'imported') await get().select(datasetId);
  } else if (get().currentId !== datasetId && get().datasets.some((d) => d.id === datasetId)) {
    // A cancelled or failed import stays selectable: what it stored is kept and can be resumed.
    await get().select(datasetId);
  }
}

export const useCurrentDataset = (): DatasetRecord | null =>
  useDataset((s) => s.datasets.find((d) => d.id === s.currentId) ?? null);
