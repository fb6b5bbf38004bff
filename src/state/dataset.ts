import { create } from 'zustand';
import { errorMessage } from '../core/errors';
import {
  createImporterClient,
  deleteDataset,
  listDatasets,
  listImageIds,
  type ImporterClient,
} from '../app/dataset';
import type { PickedFolder } from '../bridge/importer';
import type { DatasetRecord, SkippedFile } from '../storage/schema';
import { failedJob } from './job';
import { useStorageInfo } from './storage-info';
import { withWriteLock } from './write-lock';

/** For the Dataset tab: reading a picked or dropped folder, and the stored images. */
export { entriesOf, folderFromEntries, folderFromInput, getThumbs, pathOfImageId } from '../app/dataset';

export type ImportJob =
  | { status: 'idle' }
  | {
      status: 'importing';
      datasetId: string;
      name: string;
      done: number;
      total: number;
      imagesPerSecond: number;
    }
  | {
      status: 'done';
      datasetId: string;
      name: string;
      imported: number;
      seconds: number;
      imagesPerSecond: number;
    }
  /** The pick held nothing importable; no dataset was created. */
  | { status: 'nothing'; name: string; skipped: SkippedFile[] }
  | { status: 'error'; message: string };

interface DatasetStore {
  datasets: DatasetRecord[];
  loaded: boolean;
  currentId: string | null;
  /** Image ids of the current dataset per identity key, in natural order; null while loading. */
  imageIds: Record<string, string[]> | null;
  /** Identity key the grid is filtered to. */
  identityFilter: string | null;
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
  setIdentityFilter(key: string | null): void;
}

const currentKey = 'likeness.dataset';

let client: ImporterClient | null = null;
function importer(): ImporterClient {
  client ??= createImporterClient();
  return client;
}
let controller: AbortController | null = null;
/** Settles when the running import has stopped writing. */
let running: Promise<void> | null = null;

export const useDataset = create<DatasetStore>((set, get) => ({
  datasets: [],
  loaded: false,
  currentId: null,
  imageIds: null,
  identityFilter: null,
  job: { status: 'idle' },
  error: null,

  async refresh() {
    try {
      const datasets = await listDatasets();
      set({ datasets, loaded: true });
      const { currentId } = get();
      if (currentId && datasets.some((d) => d.id === currentId)) return;
      const remembered = localStorage.getItem(currentKey);
      const pick = datasets.find((d) => d.id === remembered) ?? datasets.at(-1);
      await get().select(pick?.id ?? null);
    } catch (error) {
      set({ loaded: true, error: errorMessage(error) });
    }
  },

  async select(id) {
    set({ currentId: id, imageIds: null, identityFilter: null, error: null });
    if (id) localStorage.setItem(currentKey, id);
    else localStorage.removeItem(currentKey);
    if (!id) return;
    try {
      const imageIds = await listImageIds(id);
      if (get().currentId === id) set({ imageIds });
    } catch (error) {
      if (get().currentId === id) set({ imageIds: {}, error: errorMessage(error) });
    }
  },

  async remove(id) {
    const { job } = get();
    if (job.status === 'importing' && job.datasetId === id) {
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
    if (get().job.status === 'importing') return Promise.resolve();
    running = runImport(folder, resumeId).finally(() => {
      running = null;
    });
    return running;
  },

  cancelImport() {
    controller?.abort();
  },

  async stopImport() {
    controller?.abort();
    await running;
  },

  setIdentityFilter(key) {
    set({ identityFilter: key });
  },
}));

async function runImport(folder: PickedFolder, resumeId: string | undefined): Promise<void> {
  const { getState: get, setState: set } = useDataset;
  controller = new AbortController();
  const { signal } = controller;
  // The first import is when there is something to lose: ask the browser to keep it.
  void useStorageInfo.getState().keep();
  const datasetId = resumeId ?? crypto.randomUUID();
  let started = performance.now();
  let firstDone: number | null = null;
  let finished = false;
  set({
    job: {
      status: 'importing',
      datasetId,
      name: '',
      done: 0,
      total: folder.files.length,
      imagesPerSecond: 0,
    },
    error: null,
  });
  try {
    const result = await withWriteLock(() => {
      // Time spent waiting for another tab's job is not import time.
      started = performance.now();
      return importer().importFolder(
        { ...folder, datasetId, resume: resumeId !== undefined },
        {
          signal,
          onProgress({ done, total }) {
            // Progress comes through its own message port: a report can land after the result.
            if (signal.aborted || finished) return;
            // The first report comes after planning: the dataset record exists now.
            if (firstDone === null) {
              firstDone = done;
              void get().refresh();
            }
            const seconds = (performance.now() - started) / 1000;
            const imagesPerSecond = seconds > 0 ? (done - firstDone) / seconds : 0;
            const name = get().datasets.find((d) => d.id === datasetId)?.name ?? '';
            set({ job: { status: 'importing', datasetId, name, done, total, imagesPerSecond } });
          },
        },
      );
    }, signal).finally(() => {
      finished = true;
    });
    if (result.kind === 'nothing') {
      set({ job: { status: 'nothing', name: result.name, skipped: result.skipped } });
      await get().refresh();
      return;
    }
    const { dataset, imported, seconds } = result;
    set({
      job: {
        status: 'done',
        datasetId,
        name: dataset.name,
        imported,
        seconds,
        imagesPerSecond: seconds > 0 ? imported / seconds : 0,
      },
    });
    await get().refresh();
    await get().select(datasetId);
  } catch (error) {
    // A cancelled import stays silent; what it stored is kept and can be resumed.
    set({ job: failedJob(error) });
    await get().refresh();
    if (get().currentId !== datasetId && get().datasets.some((d) => d.id === datasetId)) {
      await get().select(datasetId);
    }
  } finally {
    controller = null;
  }
}

export const useCurrentDataset = (): DatasetRecord | null =>
  useDataset((s) => s.datasets.find((d) => d.id === s.currentId) ?? null);
