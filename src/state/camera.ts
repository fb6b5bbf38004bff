import { create } from 'zustand';
import { errorMessage } from '../core/errors';
import { addFaceToPerson, recogniseSnapshot, type SavedFace, type SnapshotResult } from '../app/camera';

export { cameraError, noCameraApi } from '../app/camera';
import { engineClient, useEngine } from './engine';
import { failedJob } from './job';
import { engineFor, useRecognition } from './recognition';
import { useSettings } from './settings';

export interface Snapshot {
  image: Blob;
  takenAt: number;
}

export type SnapshotState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; result: SnapshotResult; answerMs: number }
  | { status: 'error'; message: string };

interface CameraStore {
  /** The last snapshot, kept so Compare can use it. */
  snapshot: Snapshot | null;
  state: SnapshotState;
  /** Per face index of the current result: the last save, or why it failed. */
  saved: Record<number, SavedFace | { error: string }>;
  /** Recognises every face of a frame; `startedAt` is the click, so the answer time is the user's. */
  recognise(image: Blob, startedAt: number): Promise<void>;
  save(faceIndex: number, identityKey: string): Promise<void>;
  /** Drops a snapshot still being recognised: its answer is never shown. */
  stop(): void;
}

let controller: AbortController | null = null;

export const useCamera = create<CameraStore>((set, get) => ({
  snapshot: null,
  state: { status: 'idle' },
  saved: {},

  async recognise(image, startedAt) {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    set({ snapshot: { image, takenAt: Date.now() }, state: { status: 'working' }, saved: {} });
    try {
      const { galleries, selectedId } = useRecognition.getState();
      const gallery = galleries.find((g) => g.id === selectedId && g.status === 'ready') ?? null;
      if (gallery) await engineFor(gallery);
      else if (useEngine.getState().state.status !== 'ready')
        throw new Error('The face engine is not ready yet');
      const result = await recogniseSnapshot(
        engineClient(),
        image,
        gallery?.id ?? null,
        own.signal,
        useSettings.getState().matchRule,
      );
      if (controller === own)
        set({ state: { status: 'done', result, answerMs: performance.now() - startedAt } });
    } catch (error) {
      if (controller === own) set({ state: failedJob(error) });
    } finally {
      if (controller === own) controller = null;
    }
  },

  stop() {
    controller?.abort();
    controller = null;
  },

  async save(faceIndex, identityKey) {
    const state = get().state;
    if (state.status !== 'done' || !state.result.galleryId) return;
    const face = state.result.faces[faceIndex];
    if (!face) return;
    try {
      const saved = await addFaceToPerson(
        state.result.galleryId,
        identityKey,
        face.embedding,
        state.result.modelKey,
      );
      set({ saved: { ...get().saved, [faceIndex]: saved } });
      await useRecognition.getState().refresh();
    } catch (error) {
      set({ saved: { ...get().saved, [faceIndex]: { error: errorMessage(error) } } });
    }
  },
}));
