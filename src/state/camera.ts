import { create } from 'zustand';
import { errorMessage, LikenessError } from '../core/errors';
import { addFaceToPerson, recogniseSnapshot, type SavedFace, type SnapshotResult } from '../app/camera';
import { comparePhotos, type ComparedPhoto } from '../app/compare';
import type { DatabaseRecord } from '../storage/schema';

export { answerAt, cameraError, noCameraApi } from '../app/camera';
export type { ComparedPhoto } from '../app/compare';
import { engineClient, useEngine } from './engine';
import { jobRunner, type JobStatus } from './job';
import { engineFor, useRecognition } from './recognition';
import { useSettings } from './settings';

/**
 * Every face of each photo to compare, named against the face database when one is chosen (the
 * engine switched to its model first), with the matching rule of the settings.
 */
export async function comparePhotosWith(
  photos: readonly { name: string; image: Blob }[],
  database: DatabaseRecord | null,
  signal?: AbortSignal,
): Promise<ComparedPhoto[]> {
  if (database) await engineFor(database);
  return comparePhotos(
    engineClient(),
    photos,
    database?.id ?? null,
    signal,
    useSettings.getState().matchRule,
  );
}

export interface Snapshot {
  image: Blob;
  takenAt: number;
}

/** One snapshot recognised: the faces, and the time from the click to the answer. */
export type SnapshotState = JobStatus<{ recognised: SnapshotResult; answerMs: number }>;

interface CameraStore {
  /** The last snapshot, kept so Compare can use it. */
  snapshot: Snapshot | null;
  state: SnapshotState;
  /** Per face index of the current result: the last save, or why it failed. */
  saved: Record<number, SavedFace | { error: string }>;
  /** Recognises every face of a frame; `startedAt` is the click, so the answer time is the user's. */
  recognise(image: Blob, startedAt: number): Promise<void>;
  save(faceIndex: number, personKey: string): Promise<void>;
  /** Drops a snapshot still being recognised: its answer is never shown. */
  stop(): void;
}

const runner = jobRunner<{ recognised: SnapshotResult; answerMs: number }>((state) =>
  useCamera.setState({ state }),
);

export const useCamera = create<CameraStore>((set, get) => ({
  snapshot: null,
  state: { status: 'idle' },
  saved: {},

  async recognise(image, startedAt) {
    set({ snapshot: { image, takenAt: Date.now() }, saved: {} });
    await runner.run({}, async ({ signal }) => {
      const { databases, selectedId } = useRecognition.getState();
      const database = databases.find((g) => g.id === selectedId && g.status === 'ready') ?? null;
      if (database) await engineFor(database);
      else if (useEngine.getState().state.status !== 'ready')
        throw new Error('The face engine is not ready yet');
      const rule = useSettings.getState().matchRule;
      const recognised = await recogniseSnapshot(engineClient(), image, database?.id ?? null, rule, signal);
      // Stopped while it ran: its answer is never shown.
      if (signal.aborted) throw new LikenessError('aborted', 'Snapshot cancelled');
      return { recognised, answerMs: performance.now() - startedAt };
    });
  },

  stop() {
    runner.cancel();
  },

  async save(faceIndex, personKey) {
    const state = get().state;
    if (state.status !== 'done') return;
    const snap = state.result.recognised;
    const face = snap.faces[faceIndex];
    if (!face || !snap.databaseId) return;
    try {
      const saved = await addFaceToPerson(snap.databaseId, personKey, face.embedding, snap.modelKey);
      set({ saved: { ...get().saved, [faceIndex]: saved } });
      await useRecognition.getState().refresh();
    } catch (error) {
      set({ saved: { ...get().saved, [faceIndex]: { error: errorMessage(error) } } });
    }
  },
}));
