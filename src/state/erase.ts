import { create } from 'zustand';
import { errorMessage } from '../core/errors';
import { countStored, eraseEverything, type StoredCounts } from '../app/storage-quota';
import { useCamera } from './camera';
import { useDashboard } from './dashboard';
import { useDataset } from './dataset';
import { useEngine } from './engine';
import { useRecognition } from './recognition';
import { useSample } from './sample';
import { useSettings } from './settings';
import { useStorageInfo } from './storage-info';
import { useSuspects } from './suspects';
import { useTransfer } from './transfer';
import { withWriteLock } from './write-lock';

export type ErasePhase =
  | { status: 'idle' }
  /** The confirmation step, with what would be deleted. */
  | { status: 'confirm'; counts: StoredCounts }
  | { status: 'erasing'; blocked: boolean }
  /** What is left afterwards, counted again (all zero), and the storage then in use. */
  | { status: 'erased'; counts: StoredCounts }
  | { status: 'error'; message: string };

interface EraseStore {
  phase: ErasePhase;
  /** Counts what is stored and asks for confirmation. */
  ask(): Promise<void>;
  dismiss(): void;
  /** Cancels every job, deletes everything and resets the app's state. */
  erase(): Promise<void>;
}

/** Every job of this tab, cancelled; settles when each has stopped writing. */
async function stopEveryJob(): Promise<void> {
  useCamera.getState().stop();
  await useSample.getState().stop();
  await Promise.all([
    useDataset.getState().stopImport(),
    useRecognition.getState().stop(),
    useDashboard.getState().stop(),
    useSuspects.getState().stop(),
  ]);
}

/** Each store back to how a first visit finds it (nothing loaded, no job, no snapshot). */
function resetStores(): void {
  for (const store of [
    useDataset,
    useRecognition,
    useDashboard,
    useSample,
    useSuspects,
    useCamera,
    useTransfer,
  ] as const) {
    (store as { setState(s: unknown, replace: true): void }).setState(store.getInitialState(), true);
  }
  useSettings.setState({ matchRule: 'average' });
}

export const useErase = create<EraseStore>((set) => ({
  phase: { status: 'idle' },

  async ask() {
    try {
      set({ phase: { status: 'confirm', counts: await countStored() } });
    } catch (error) {
      set({ phase: { status: 'error', message: errorMessage(error) } });
    }
  },

  dismiss() {
    set({ phase: { status: 'idle' } });
  },

  async erase() {
    set({ phase: { status: 'erasing', blocked: false } });
    try {
      await stopEveryJob();
      // Waits for another tab's job to finish: deleting under it would fail it midway.
      await withWriteLock(() => eraseEverything(() => set({ phase: { status: 'erasing', blocked: true } })));
      resetStores();
      // Every cache went, the downloaded models' one with them.
      useEngine.setState({ downloaded: [] });
      await Promise.all([useDataset.getState().refresh(), useRecognition.getState().refresh()]);
      const counts = await countStored();
      await useStorageInfo.getState().refresh();
      set({ phase: { status: 'erased', counts } });
    } catch (error) {
      set({ phase: { status: 'error', message: errorMessage(error) } });
    }
  },
}));
