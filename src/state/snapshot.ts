import type { AutomationSnapshot } from '../automation';
import { useDataset } from './dataset';
import { libraryJobsStarted, useLibrary } from './library';
import { useEngine } from './engine';
import { useRecognition } from './recognition';

export function snapshot(): AutomationSnapshot {
  const engine = useEngine.getState().state;
  const ds = useDataset.getState();
  const dataset = ds.datasets.find((d) => d.id === ds.currentId) ?? null;
  const rec = useRecognition.getState();
  const lib = useLibrary.getState();
  const library = lib.libraries.find((l) => l.id === lib.currentId);
  const job = lib.job.status === 'running' ? lib.job.phase : lib.job.status;
  return {
    engine:
      engine.status === 'ready'
        ? {
            backend: engine.info.backend.name,
            threads: engine.info.backend.threads,
            workers: engine.info.workers,
            model: engine.info.model.id,
            inputSize: engine.info.model.inputSize,
            cropMode: engine.info.cropMode,
          }
        : null,
    dataset: dataset && {
      id: dataset.id,
      name: dataset.name,
      people: dataset.identities.length,
      images: dataset.imageCount,
      skipped: dataset.skipped.length,
      status: dataset.status,
    },
    databases: rec.databases.map((g) => ({
      id: g.id,
      name: g.name,
      perPerson: g.perPerson,
      status: g.status,
      people: g.identities.length,
    })),
    selectedDatabaseId: rec.selectedId,
    outcomes: rec.outcomes ? { tested: rec.outcomes.length, databaseId: rec.outcomesFor } : null,
    library: library
      ? {
          id: library.id,
          name: library.name,
          photos: library.imageCount,
          status: lib.state?.status ?? 'finding',
          job,
          groups: lib.state?.grouping?.groupPerson.length ?? null,
          people: Object.keys(lib.state?.history.decisions.people ?? {}).length,
        }
      : null,
    libraryJob: { runs: libraryJobsStarted(), job },
  };
}
