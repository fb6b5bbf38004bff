import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { LikenessError } from '../core/errors';
import { chooseBackend } from './backend';
import { decodeImage, encodeRgb } from './decode';
import { createEmbedder, type Embedder } from './embedder';
import { builtInModels, defaultModelId, findModel, summarise, type EmbedderSpec } from './models';
import { embedFace, type FaceLocator } from './pipeline';
import { createFaceLocator } from './detector';
import { installErrorTransfer } from './comlink-errors';
import type {
  BackendInfo,
  BackendPreference,
  CropMode,
  CustomModelSpec,
  EmbedOptions,
  EmbedOutcome,
  EmbedRequest,
  EngineInfo,
  MemoryInfo,
} from './protocol';

export interface EngineSettings {
  backend: BackendPreference;
  modelId: string;
  /** 'auto' uses the mode the model was measured best with. */
  cropMode: CropMode | 'auto';
}

export type ProgressCallback = (done: number, total: number, failed: number) => void;

let backend: BackendInfo | null = null;
let backendPreference: BackendPreference | null = null;
let embedder: Embedder | null = null;
let locator: FaceLocator | null = null;
let cropMode: CropMode = 'whole';
let warmupMs = 0;
const customModels: EmbedderSpec[] = [];
const customSources = new Map<string, tf.io.IOHandler>();
const cancelled = new Set<string>();

function info(): EngineInfo {
  if (!backend || !embedder) throw new LikenessError('model-load-failed', 'The engine is not initialised');
  return {
    backend,
    model: summarise(embedder.spec),
    models: [...builtInModels, ...customModels].map(summarise),
    cropMode,
    warmupMs,
  };
}

function disposeModels(): void {
  embedder?.dispose();
  embedder = null;
  locator?.dispose();
  locator = null;
}

/** One inference on a blank face compiles shaders / primes kernels off the main thread. */
function warmUp(model: Embedder): number {
  const t0 = performance.now();
  const size = model.spec.inputSize;
  tf.tidy(() => model.embed(tf.zeros([1, size, size, 3]) as tf.Tensor4D).dataSync());
  return performance.now() - t0;
}

async function configure(settings: EngineSettings): Promise<EngineInfo> {
  const spec = findModel(settings.modelId, customModels) ?? findModel(defaultModelId)!;
  if (!backend || backendPreference !== settings.backend) {
    disposeModels();
    backend = await chooseBackend(settings.backend);
    backendPreference = settings.backend;
  }
  if (!embedder || embedder.spec.id !== spec.id) {
    embedder?.dispose();
    embedder = null;
    embedder = await createEmbedder(spec, customSources.get(spec.id));
    warmupMs = warmUp(embedder);
  }
  cropMode = settings.cropMode === 'auto' ? spec.preferredCrop : settings.cropMode;
  if (cropMode !== 'whole' && !locator) locator = await createFaceLocator();
  return info();
}

async function loadCustomModel(files: File[], custom: CustomModelSpec): Promise<EngineInfo> {
  const json = files.find((f) => f.name.endsWith('.json'));
  if (!json)
    throw new LikenessError(
      'model-load-failed',
      'Choose the model.json file together with its weight (.bin) files',
    );
  const weights = files.filter((f) => f !== json);
  const topology = JSON.parse(await json.text()) as { format?: string };
  const id = `custom:${custom.label}`;
  const spec: EmbedderSpec = {
    id,
    label: custom.label,
    format: topology.format === 'layers-model' ? 'layers' : 'graph',
    url: json.name,
    inputSize: custom.inputSize,
    dim: 0,
    normalization: custom.normalization,
    defaultThreshold: 1.0,
    custom: true,
    preferredCrop: 'align',
    flipAugment: false,
  };
  const source = tf.io.browserFiles([json, ...weights]);
  const candidate = await createEmbedder(spec, source);
  try {
    // Refuse a model that does not map a face to one vector before it replaces anything.
    const probe = tf.tidy(() =>
      candidate.embed(tf.zeros([2, custom.inputSize, custom.inputSize, 3]) as tf.Tensor4D),
    );
    spec.dim = probe.shape[1];
    probe.dispose();
  } catch (error) {
    candidate.dispose();
    if (error instanceof LikenessError) throw error;
    throw new LikenessError(
      'model-output-not-vector',
      `The model did not run on a ${custom.inputSize}×${custom.inputSize} RGB face: ${String(error)}`,
    );
  }
  candidate.dispose();
  const existing = customModels.findIndex((m) => m.id === id);
  if (existing >= 0) customModels.splice(existing, 1);
  customModels.push(spec);
  customSources.set(id, tf.io.browserFiles([json, ...weights]));
  return configure({ backend: backendPreference ?? 'auto', modelId: id, cropMode: 'auto' });
}

async function embed(
  jobId: string,
  requests: EmbedRequest[],
  options: EmbedOptions,
  onProgress?: ProgressCallback,
): Promise<EmbedOutcome[]> {
  if (!embedder) throw new LikenessError('model-load-failed', 'The engine is not initialised');
  const outcomes: EmbedOutcome[] = [];
  let failed = 0;
  try {
    // Decode the next image while the current one is embedded.
    const decode = (r: EmbedRequest | undefined) =>
      r
        ? decodeImage(r.blob, r.name ?? r.id).then(
            (pixels) => ({ pixels }),
            (error: unknown) => ({ error }),
          )
        : null;
    let next = decode(requests[0]);
    for (let i = 0; i < requests.length; i++) {
      if (cancelled.has(jobId)) throw new LikenessError('aborted', 'Cancelled');
      const request = requests[i]!;
      const t0 = performance.now();
      const decoded = await next;
      const following = requests[i + 1];
      next = decode(following);
      const decodeMs = performance.now() - t0;
      try {
        if (!decoded || 'error' in decoded) throw decoded?.error;
        const face = await embedFace(decoded.pixels, embedder, locator, cropMode, options.withCrops ?? false);
        const size = embedder.spec.inputSize;
        outcomes.push({
          ok: true,
          id: request.id,
          embedding: face.embedding,
          box: face.box,
          crop: face.crop ? await encodeRgb(face.crop, size, size) : null,
          imageWidth: decoded.pixels.width,
          imageHeight: decoded.pixels.height,
          timings: { decode: decodeMs, ...face.timings },
        });
      } catch (error) {
        failed++;
        const code = error instanceof LikenessError ? error.code : 'embed-failed';
        const message = error instanceof Error ? error.message : String(error);
        outcomes.push({ ok: false, id: request.id, code, message });
      }
      onProgress?.(i + 1, requests.length, failed);
    }
  } finally {
    cancelled.delete(jobId);
  }
  return outcomes;
}

export const engineApi = {
  init: configure,
  configure,
  loadCustomModel,
  embed,
  cancel(jobId: string): void {
    cancelled.add(jobId);
  },
  memory(): MemoryInfo {
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  },
};

export type EngineApi = typeof engineApi;

installErrorTransfer();
Comlink.expose(engineApi);
