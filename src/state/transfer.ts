import { create } from 'zustand';
import { errorMessage } from '../core/errors';
import { exportDatabase, importDatabase } from '../app/database-io';
import { useEngine } from './engine';
import { useRecognition } from './recognition';

interface TransferStore {
  /** The last import or export failure, word for word; null after a success. */
  error: string | null;
  notice: string | null;
  withEmbeddings: boolean;
  setWithEmbeddings(on: boolean): void;
  /** Resolves to the file to save; null when it failed (the error is in the store). */
  exportDatabase(id: string): Promise<{ filename: string; text: string } | null>;
  importFile(file: File): Promise<void>;
}

export const useTransfer = create<TransferStore>((set, get) => ({
  error: null,
  notice: null,
  withEmbeddings: false,
  setWithEmbeddings: (withEmbeddings) => set({ withEmbeddings }),

  async exportDatabase(id) {
    try {
      const out = await exportDatabase(id, { withEmbeddings: get().withEmbeddings });
      set({ error: null, notice: `Exported ${out.filename}` });
      return out;
    } catch (e) {
      set({ error: `Export failed: ${errorMessage(e)}`, notice: null });
      return null;
    }
  },

  async importFile(file) {
    try {
      const engine = useEngine.getState().state;
      if (engine.status !== 'ready') throw new Error('Wait for the face engine to load its models');
      const record = await importDatabase(await file.text(), engine.info.models);
      await useRecognition.getState().refresh();
      set({
        error: null,
        notice: `Imported “${record.name}”: ${record.identities.length} people, ${record.modelKey}`,
      });
    } catch (e) {
      set({ error: `Import of ${file.name} failed: ${errorMessage(e)}`, notice: null });
    }
  },
}));
