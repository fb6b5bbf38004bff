import type { CropMode, ModelSummary, Normalization } from './protocol';

/**
 * Every built-in face embedder, with the exact input size and preprocessing
 * of the package that ships it. A wrong input range gives near-random
 * embeddings without any error, so each line cites its source.
 */
export interface EmbedderSpec extends ModelSummary {
  format: 'graph' | 'layers' | 'face-api';
  url: string;
  /** Graph-model output node holding the embedding; the first rank-2 output when absent. */
  outputNode?: string;
  /** Crop mode this model was measured best with (docs/models.md). */
  preferredCrop: CropMode;
  /** Embed the mirrored face too and average: measured gain in docs/models.md. */
  flipAugment: boolean;
}

const base = `${import.meta.env.BASE_URL}models/`;

export const builtInModels: EmbedderSpec[] = [
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
    defaultThreshold: 1.0,
    custom: false,
    preferredCrop: 'whole',
    flipAugment: true,
  },
  {
    // @vladmandic/human src/face/insightface.ts: 112 input, 0..255, normalisation is inside the graph.
    id: 'mobileface',
    label: 'MobileFace (human) 112 → 256',
    format: 'graph',
    url: `${base}human/mobileface.json`,
    inputSize: 112,
    dim: 256,
    normalization: '0-255',
    defaultThreshold: 1.0,
    custom: false,
    preferredCrop: 'align',
    flipAugment: false,
  },
  {
    // @vladmandic/human src/face/mobilefacenet.ts: 112 input in 0..1. Marked obsolete upstream.
    id: 'mobilefacenet',
    label: 'MobileFaceNet (human) 112 → 192',
    format: 'graph',
    url: `${base}human/mobilefacenet.json`,
    outputNode: 'embeddings',
    inputSize: 112,
    dim: 192,
    normalization: '0-1',
    defaultThreshold: 1.0,
    custom: false,
    preferredCrop: 'align',
    flipAugment: false,
  },
  {
    // @vladmandic/face-api FaceRecognitionNet: 150x150, mean RGB subtracted then /255 (done inside face-api).
    id: 'face-api-resnet',
    label: 'face-api ResNet-34 150 → 128',
    format: 'face-api',
    url: `${base}face-api/`,
    inputSize: 150,
    dim: 128,
    normalization: 'face-api',
    defaultThreshold: 1.0,
    custom: false,
    preferredCrop: 'align',
    flipAugment: false,
  },
];

export const defaultModelId = 'faceres';

export function findModel(id: string, extra: readonly EmbedderSpec[] = []): EmbedderSpec | undefined {
  return [...builtInModels, ...extra].find((m) => m.id === id);
}

export function summarise(spec: EmbedderSpec): ModelSummary {
  const { id, label, inputSize, dim, normalization, defaultThreshold, custom } = spec;
  return { id, label, inputSize, dim, normalization, defaultThreshold, custom };
}

export const detectorUrl = `${base}human/blazeface.json`;

export type { Normalization };
