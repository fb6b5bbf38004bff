import { create } from 'zustand';
import { errorMessage } from '../core/errors';
import {
  estimateStorage,
  persistence,
  requestPersistence,
  type Persistence,
  type StorageEstimate,
} from '../app/storage-quota';

/** Set once this browser has been asked to keep the data, so Firefox does not prompt on every import. */
const askedKey = 'likeness.persist-asked';

interface StorageInfoStore {
  estimate: StorageEstimate | null;
  /** null until read. */
  persistence: Persistence | null;
  /** Whether this browser was asked yet (the first import asks): a refusal means nothing before. */
  asked: boolean;
  error: string | null;
  refresh(): Promise<void>;
  /** Asks the browser to keep this origin's data, once per browser (the first import). */
  keep(): Promise<void>;
}

export const useStorageInfo = create<StorageInfoStore>((set, get) => ({
  estimate: null,
  persistence: null,
  asked: false,
  error: null,

  async refresh() {
    try {
      const [estimate, persisted] = await Promise.all([estimateStorage(), persistence()]);
      set({ estimate, persistence: persisted, asked: !!localStorage.getItem(askedKey), error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },

  async keep() {
    try {
      if (localStorage.getItem(askedKey) && (await persistence()) !== 'unsupported') {
        await get().refresh();
        return;
      }
      localStorage.setItem(askedKey, '1');
      set({ persistence: await requestPersistence() });
      await get().refresh();
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
}));
