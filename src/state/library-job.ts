import { LikenessError } from '../core/errors';
import { newLibraryState, type LibraryState } from '../core/library/state';
import { modelKeyOf } from '../core/model-key';
import { createImporterClient, type ImporterClient } from '../app/dataset-door';
import {
  findLibraryFaces,
  getLibraryState,
  groupLibrary,
  libraryPhotoIds,
  loadLibraryFaces,
  putLibraryState,
} from '../app/library';
import type { PickedFolder } from '../bridge/importer';
import { engineClient, useEngine, whenEngineReady } from './engine';
import { jobRunner, type JobStatus } from './job';
import { useStorageInfo } from './storage-info';
import { withWriteLock } from './write-lock';

/** A library's long job runs in phases: reading the photos in, finding every face, grouping. */
export type LibraryPhase = 'import' | 'faces' | 'group';

export interface LibraryJobDone {
  libraryId: string;
  /** Photos in the library. */
  photos: number;
  faces: number;
  groups: number;
  /** From the pick (or resume) to the grouping. */
  seconds: number;
}

export type LibraryJob = JobStatus<
  LibraryJobDone,
  { phase: LibraryPhase; libraryId: string; /** Photos that could not be read. */ failed: number }
>;

export interface LibraryJobRequest {
  libraryId: string;
  from: LibraryPhase;
  folder?: PickedFolder;
  /** Add the folder's photos to the existing library. */
  add?: boolean;
  /** Continue the library's interrupted import with the same folder. */
  resume?: boolean;
  /** Once the library's record is stored (its name known). */
  onStored(): void;
  /** The library's latest state (the user may decide while a job runs). */
  latest(libraryId: string): LibraryState | null;
  /** A state was stored. */
  onState(libraryId: string, state: LibraryState): void;
}

let importer: ImporterClient | null = null;
let onJob: (job: LibraryJob) => void = () => {};
const runner = jobRunner<LibraryJobDone, { phase: LibraryPhase; libraryId: string; failed: number }>((job) =>
  onJob(job),
);
let running: Promise<unknown> | null = null;
let started = 0;

/** Library jobs started in this page (the automation snapshot tells one run from the next by it). */
export const libraryJobsStarted = () => started;

/** Where the job's status goes (the library store). */
export function reportLibraryJob(to: (job: LibraryJob) => void): void {
  onJob = to;
}

export async function stopLibraryJob(): Promise<void> {
  runner.cancel();
  await running;
}

/** The engine's facts once it is ready: a job started right after a reload waits for it. */
async function readyEngine(signal: AbortSignal) {
  await whenEngineReady(signal);
  const state = useEngine.getState().state;
  if (state.status !== 'ready') throw new LikenessError('model-load-failed', 'The face engine stopped.');
  return state.info;
}

/**
 * Runs a library's job from `from` to the end, holding the write lock: import (a new library or
 * photos added), then finding every face, then grouping with the user's decisions. Each phase's
 * result is stored before the next starts, so a reload resumes at the phase it stopped in.
 * Resolves with the job's last status.
 */
export function runLibraryJob(request: LibraryJobRequest): Promise<LibraryJob> {
  const { libraryId, latest, onState } = request;
  const save = async (change: Partial<LibraryState>) => {
    const state = { ...(latest(libraryId) ?? (await getLibraryState(libraryId))), ...change };
    await putLibraryState(libraryId, state);
    onState(libraryId, state);
    return state;
  };
  started++;
  const job = runner.run({ phase: request.from, libraryId, failed: 0 }, ({ signal, progress }) =>
    withWriteLock(async () => {
      const t0 = performance.now();
      let phase = request.from;
      if (phase === 'import') {
        const folder = request.folder!;
        void useStorageInfo.getState().keep();
        progress(0, folder.files.length);
        let stored = false;
        importer ??= createImporterClient();
        const result = await importer.importFolder(
          {
            ...folder,
            datasetId: libraryId,
            resume: request.resume === true,
            kind: 'library',
            add: request.add === true,
          },
          {
            signal,
            onProgress({ done, total, undecodable }) {
              if (!stored) request.onStored();
              stored = true;
              progress(done, total, { failed: undecodable });
            },
          },
        );
        if (result.kind === 'nothing')
          throw new LikenessError('invalid-import', `No photo could be read in “${result.name}”.`);
        const fresh = !request.add && !request.resume;
        await save(fresh ? { ...newLibraryState(), status: 'finding' } : { status: 'finding' });
        phase = 'faces';
      }
      const info = await readyEngine(signal);
      const modelKey = modelKeyOf(info.model.id, info.cropMode);
      if (phase === 'faces') {
        progress(0, 0, { phase, failed: 0 }, true);
        await findLibraryFaces(engineClient(), libraryId, {
          signal,
          onProgress: (done, total, failed) => progress(done, total, { failed }),
        });
        await save({ status: 'grouping', modelKey });
      }
      progress(0, 0, { phase: 'group' }, true);
      const faces = await loadLibraryFaces(libraryId, modelKey);
      const decisions = (latest(libraryId) ?? (await getLibraryState(libraryId))).history.decisions;
      const grouping = await groupLibrary(engineClient(), faces, decisions, info.model.thresholds.average, {
        signal,
        onProgress: (done, total) => progress(done, total),
      });
      await save({ grouping, status: 'ready', modelKey });
      return {
        libraryId,
        photos: (await libraryPhotoIds(libraryId)).length,
        faces: faces.faceIds.length,
        groups: grouping.groupPerson.length,
        seconds: (performance.now() - t0) / 1000,
      };
    }, signal),
  );
  running = job.finally(() => (running = null));
  return job;
}
