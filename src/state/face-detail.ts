import { create } from 'zustand';
import { errorMessage, isAbortError } from '../core/errors';
import type { MatchRule } from '../core/matcher';
import { explainFace, explainTestImage, type FaceExplanation } from '../app/explain';
import { engineClient, useEngine } from './engine';
import { engineFor, useRecognition } from './recognition';

/** A face whose answer the user asked to see explained. */
export type FaceDetailTarget =
  | {
      kind: 'test-image';
      databaseId: string;
      imageId: string;
      truePerson: string;
      rule: MatchRule;
    }
  | {
      kind: 'camera';
      databaseId: string;
      /** Face number in the snapshot, from 1. */
      face: number;
      embedding: Float32Array;
      crop: Blob;
      rule: MatchRule;
    };

export interface FaceDetailCrop {
  blob: Blob;
  /** The model's input size: the crop is size × size pixels. */
  size: number;
  cropMode: string;
}

export type FaceDetailState =
  | { status: 'closed' }
  | { status: 'loading'; target: FaceDetailTarget }
  | { status: 'ready'; target: FaceDetailTarget; explanation: FaceExplanation; crop: FaceDetailCrop }
  | { status: 'error'; target: FaceDetailTarget; message: string };

interface FaceDetailStore {
  state: FaceDetailState;
  open(target: FaceDetailTarget): Promise<void>;
  close(): void;
}

let controller: AbortController | null = null;

export const useFaceDetail = create<FaceDetailStore>((set) => ({
  state: { status: 'closed' },

  async open(target) {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    set({ state: { status: 'loading', target } });
    try {
      const database = useRecognition.getState().databases.find((g) => g.id === target.databaseId);
      if (!database) throw new Error('That face database no longer exists');
      let ready: Extract<FaceDetailState, { status: 'ready' }>;
      if (target.kind === 'test-image') {
        await engineFor(database);
        const { explanation, crop } = await explainTestImage(
          engineClient(),
          target.databaseId,
          target.imageId,
          target.truePerson,
          target.rule,
          own.signal,
        );
        ready = {
          status: 'ready',
          target,
          explanation,
          crop: { blob: crop.crop, size: crop.size, cropMode: crop.cropMode },
        };
      } else {
        const engine = useEngine.getState().state;
        const explanation = await explainFace(target.databaseId, target.embedding, target.rule);
        ready = {
          status: 'ready',
          target,
          explanation,
          crop: {
            blob: target.crop,
            size: engine.status === 'ready' ? engine.info.model.inputSize : 0,
            // A snapshot always cuts faces out: a database of whole photos gets the detection box.
            cropMode: database.cropMode === 'whole' ? 'detect' : database.cropMode,
          },
        };
      }
      if (controller === own) set({ state: ready });
    } catch (error) {
      if (controller !== own) return;
      set({
        state: isAbortError(error)
          ? { status: 'closed' }
          : { status: 'error', target, message: errorMessage(error) },
      });
    } finally {
      if (controller === own) controller = null;
    }
  },

  close() {
    controller?.abort();
    controller = null;
    set({ state: { status: 'closed' } });
  },
}));
