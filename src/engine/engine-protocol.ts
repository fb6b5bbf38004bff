/**
 * The typed contract between the UI and the engine worker. Types only: the UI
 * may import this file, never the engine's implementation.
 */
import type { CropMode, ModelKey } from '../core/model-key';
import type { ComparisonThresholds } from '../core/verdict';
import type { EmbeddingRole } from '../storage/schema';

export type BackendName = 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;

/** How 0..255 pixels are scaled for the model; 'arcface' is InsightFace's (x − 127) / 128. */
export type Normalization = '0-255' | '0-1' | '-1-1' | 'arcface' | 'prewhiten';

export type { CropMode, ModelKey } from '../core/model-key';

export interface ModelSummary {
  id: string;
  label: string;
  inputSize: number;
  dim: number;
  normalization: Normalization;
  /** The calibrated threshold of each kind of comparison ("No match" against an average: `average`). */
  thresholds: ComparisonThresholds;
  /** What the thresholds were measured to do, when they were calibrated. */
  calibration?: {
    on: string;
    /** Shares of strangers given a name and of known faces given their own, at each 1:N threshold. */
    average: { strangersNamed: number; knownNamed: number };
    image: { strangersNamed: number; knownNamed: number };
    /** Shares of pairs of the same person and of different people called the same at `thresholds.pair`. */
    pair: { sameSaidSame: number; differentSaidSame: number };
  };
  custom: boolean;
  /** The weights' licence and who publishes them, e.g. "MIT (faceplugin-face-recognition-js)". */
  licence: string;
  /** What is known of who trained the weights and on whose photos, as the end of a sentence. */
  provenance: string;
  /**
   * Bytes fetched from the app's own origin when the model is first chosen; 0 for a model stored
   * with the app (the default pipeline's) or loaded from the user's own files.
   */
  downloadBytes: number;
}

/** Why the backend is the one it is, for the engine bar's plain words. */
export type BackendCause = 'chosen' | 'no-webgl' | 'software-gpu' | 'hardware-gpu' | 'context-lost';

export interface BackendInfo {
  name: BackendName;
  /** Why this backend was chosen, e.g. "WebGL renderer is SwiftShader (software)". */
  reason: string;
  cause: BackendCause;
  /** The backend tried first failed to start, and this one took over. */
  fellBackFrom: BackendName | null;
  renderer: string | null;
  softwareGpu: boolean;
  simd: boolean;
  threads: number;
  crossOriginIsolated: boolean;
}

export interface EngineInfo {
  backend: BackendInfo;
  model: ModelSummary;
  models: ModelSummary[];
  cropMode: CropMode;
  warmupMs: number;
}

export interface StageTimings {
  decode: number;
  detect: number;
  align: number;
  embed: number;
}

export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
}

export type EmbedOutcome =
  | {
      ok: true;
      id: string;
      embedding: Float32Array;
      box: FaceBox | null;
      /** The face as the model saw it, as a small JPEG/PNG blob, when asked for. */
      crop: Blob | null;
      imageWidth: number;
      imageHeight: number;
      timings: StageTimings;
    }
  | { ok: false; id: string; code: string; message: string };

export interface EmbedRequest {
  id: string;
  blob: Blob;
  /** Shown in messages about this image; defaults to the id. */
  name?: string;
}

export interface EmbedOptions {
  withCrops?: boolean;
}

/** Progress is a discriminated union that flows into one store. */
export type EngineStatus =
  | { type: 'loading'; message: string }
  | { type: 'ready'; info: EngineInfo }
  | { type: 'progress'; jobId: string; done: number; total: number; failed: number }
  | { type: 'error'; code: string; message: string };

export interface CustomModelSpec {
  label: string;
  inputSize: number;
  normalization: Normalization;
}

export interface MemoryInfo {
  numTensors: number;
  numBytes: number;
}

/** One face found in a photo that may hold several (a camera snapshot). */
export interface LocatedFace {
  box: FaceBox;
  embedding: Float32Array;
  /** The face as the model saw it (JPEG). */
  crop: Blob;
}

export interface AllFacesOutcome {
  /** Every face found, in the detector's order; empty when none. */
  faces: LocatedFace[];
  imageWidth: number;
  imageHeight: number;
  /** `${modelId}|${cropMode}` of the embeddings, to check against a face database's model. */
  modelKey: ModelKey;
  timings: StageTimings;
}

/** The face the model embeds for one photo (its plain view), for showing what the model saw. */
export interface FaceCropOutcome {
  /** The crop as a JPEG, `size` × `size` pixels: aligned, boxed or the whole photo, as `cropMode` says. */
  crop: Blob;
  size: number;
  cropMode: CropMode;
  box: FaceBox | null;
  /** Faces found in the photo (the most prominent one is cut out); null for 'whole'. */
  faces: number | null;
  imageWidth: number;
  imageHeight: number;
}

export interface EngineSettings {
  backend: BackendPreference;
  modelId: string;
  /** 'auto' uses the mode the model was measured best with. */
  cropMode: CropMode | 'auto';
  /** WASM threads (1 = single-threaded SIMD build); automatic when omitted. Only read when the backend first starts. */
  wasmThreads?: number;
}

export type ProgressCallback = (done: number, total: number, failed: number) => void;

export interface StoredJob {
  datasetId: string;
  imageIds: string[];
  /** Enrolment images are embedded in the plain view only; probes in all the model's views. */
  role: EmbeddingRole;
}

export interface StoredJobResult {
  modelKey: ModelKey;
  /** Newly embedded in this run (an image counts once, whatever views it needed). */
  embedded: number;
  /** Failed in this run (no face, undecodable); the reason is stored with the image. */
  failed: number;
  /** Already stored before this run: a resumed job never embeds twice. */
  cached: number;
  seconds: number;
  /** Mean ms per stage over the images embedded in this run. */
  msPerStage: StageTimings & { store: number };
}

/** Finding, aligning and embedding every face of stored library photos. */
export interface LibraryJob {
  datasetId: string;
  imageIds: string[];
}

export interface LibraryJobResult {
  modelKey: ModelKey;
  /** Photos looked at in this run (a resumed job never looks twice). */
  photos: number;
  /** Faces found in them. */
  faces: number;
  /** Photos that could not be read. */
  failed: number;
  /** Photos looked at before this run. */
  cached: number;
  seconds: number;
}

/** Part of a k-nearest-neighbour graph: these blocks of the similarity matrix, offered both ways. */
export interface KnnPart {
  /** n × dim unit rows (shared between workers where the page is cross-origin isolated). */
  vectors: Float32Array;
  dim: number;
  k: number;
  /** Pairs less similar than this are never neighbours. */
  minSimilarity: number;
  /** Rows per block. */
  block: number;
  /** [row block start, column block start], on or above the diagonal. */
  pairs: [number, number][];
}
