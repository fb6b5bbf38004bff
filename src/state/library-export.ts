import { create } from 'zustand';
import { exportToFolder, exportZip, type ExportFolder } from '../app/library-export';
import { libraryExportPhotos } from '../app/library-photos';
import type { SidecarNaming } from '../core/library-export';
import { jobRunner, type JobStatus } from './job';
import { currentView, useLibrary } from './library';

export { exportFolderPicker } from '../app/library-export';

export type ExportTarget = { kind: 'zip'; save(blob: Blob): void } | { kind: 'folder'; folder: ExportFolder };

export interface ExportDone {
  kind: 'zip' | 'folder';
  /** Files written (faces.csv and each sidecar). */
  written: number;
  /** Files already in the folder, kept as they were. */
  kept: number;
}

export type ExportJob = JobStatus<ExportDone, { phase: 'read' | 'write' }>;

interface ExportStore {
  job: ExportJob;
  /** Writes the current library's faces as faces.csv and XMP sidecars, as a zip or into a folder. */
  start(naming: SidecarNaming, target: ExportTarget): Promise<void>;
  cancel(): void;
}

export const useLibraryExport = create<ExportStore>((set) => {
  const runner = jobRunner<ExportDone, { phase: 'read' | 'write' }>((job) => set({ job }));
  return {
    job: { status: 'idle' },
    async start(naming, target) {
      const { currentId, state } = useLibrary.getState();
      const view = currentView(state);
      if (!currentId || !state?.modelKey || !view) return;
      const modelKey = state.modelKey;
      await runner.run({ phase: 'read' }, async ({ signal, progress }) => {
        progress(0, 0);
        const photos = await libraryExportPhotos(currentId, modelKey, view, signal);
        const onProgress = (done: number, total: number) => progress(done, total, { phase: 'write' });
        if (target.kind === 'folder') {
          const { written, kept } = await exportToFolder(photos, target.folder, {
            naming,
            signal,
            onProgress,
          });
          return { kind: 'folder', written, kept: kept.length };
        }
        const blob = await new Response(exportZip(photos, { naming, signal, onProgress })).blob();
        signal.throwIfAborted();
        target.save(blob);
        return { kind: 'zip', written: photos.length + 1, kept: 0 };
      });
    },
    cancel: () => runner.cancel(),
  };
});
