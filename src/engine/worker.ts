import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { errorMessage, LikenessError } from '../core/errors';
import { chooseBackend } from './backend';
import { decodeImage, encodeRgb } from './decode';
import { createEmbedder, type Embedder, type View } from './embedder';
import { builtInModels, defaultModelId, findModel, summarise, type EmbedderSpec } from './models';
import { cropFace, embedEveryFace, embedFace, type FaceLocator } from './pipeline';
import { createFaceLocator } from './detector';
import { installErrorTransfer } from './comlink-errors';
import { DEFAULT_ADAPT_OPTIONS, fitProjection, type AdaptFit, type AdaptFitOptions } from './adapt';
import { flushIntervalMs, missingViews, writeBatchSize, writeEmbeddings } from './stored';
import { getImageBlob } from '../storage/datasets';
import { modelKeyOf, viewKeyOf } from '../storage/db';
import type { EmbeddingRecord, EmbeddingRole } from '../storage/schema';
import type {
  AllFacesOutcome,
  BackendInfo,
  BackendPreference,
  CropMode,
  CustomModelSpec,
  EmbedOptions,
  EmbedOutcome,
  EmbedRequest,
  EngineInfo,
  FaceCropOutcome,
  MemoryInfo,
  StageTimings,
} from './protocol';

export interface EngineSettings {
  backend: BackendPreference;
  modelId: string;
  /** 'auto' uses the mode the model was measured best with. */
  cropMode: CropMode | 'auto';
  /** WASM threads (1 = single-threaded SIMD build); automatic when omitted. Only read when the backend first starts. */
  wasmThreads?: number;
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
let gpuContextLost = false;
/** Told when the engine changes backend by itself (a lost WebGL context). */
let engineListener: ((info: EngineInfo) => void) | null = null;
/** Settles when the current WebGL context is lost (null when not on WebGL). */
let contextLost: Promise<void> | null = null;

/** A lost WebGL context (driver reset, GPU memory pressure) must not lose a job: note it, and carry on with WASM. */
function watchWebGlContext(): void {
  contextLost = null;
  if (tf.getBackend() !== 'webgl') return;
  const { gl } = (tf.backend() as MathBackendWebGL).getGPGPUContext();
  // The context's canvas is an OffscreenCanvas in a worker (the WebWorker lib types omit .canvas).
  const canvas = (gl as unknown as { canvas: EventTarget }).canvas;
  contextLost = new Promise((resolve) =>
    canvas.addEventListener(
      'webglcontextlost',
      (event: Event) => {
        event.preventDefault();
        gpuContextLost = true;
        resolve();
      },
      { once: true },
    ),
  );
}

/**
 * The work's result, or null when the WebGL context is lost first: tfjs's readback of a dead
 * context polls a fence that never signals, so the work itself would never settle.
 */
function unlessContextLost<T>(work: Promise<T>): Promise<T | null> {
  return contextLost ? Promise.race([work, contextLost.then(() => null)]) : work;
}

async function recoverOnWasm(): Promise<void> {
  gpuContextLost = false;
  contextLost = null;
  const spec = embedder?.spec ?? findModel(defaultModelId)!;
  try {
    disposeModels();
  } catch {
    // the context is gone; its textures went with it
  }
  embedder = null;
  locator = null;
  backend = {
    ...(await chooseBackend('wasm')),
    reason: 'the WebGL context was lost, so Likeness switched to WASM',
    cause: 'context-lost',
    fellBackFrom: 'webgl',
  };
  embedder = await createEmbedder(spec, customSources.get(spec.id));
  if (cropMode !== 'whole') locator = await createFaceLocator();
  void engineListener?.(info());
}

/** A face embedded while the context was going away may be garbage (readbacks of a dead context are zeros). */
function usable(embedding: Float32Array): boolean {
  let norm = 0;
  for (const x of embedding) norm += x * x;
  return Number.isFinite(norm) && Math.abs(norm - 1) < 1e-3;
}

/** Between images: stop when cancelled; after a lost GPU context, continue on WASM with the same model. */
async function checkpoint(jobId: string): Promise<Embedder> {
  if (cancelled.has(jobId)) throw new LikenessError('aborted', 'Cancelled');
  if (gpuContextLost) await recoverOnWasm();
  if (!embedder) throw new LikenessError('model-load-failed', 'The engine is not initialised');
  return embedder;
}

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
  tf.tidy(() => model.embedViews(tf.zeros([1, size, size, 3]) as tf.Tensor4D, model.views).dataSync());
  return performance.now() - t0;
}

async function configure(settings: EngineSettings): Promise<EngineInfo> {
  const spec = findModel(settings.modelId, customModels) ?? findModel(defaultModelId)!;
  if (!backend || backendPreference !== settings.backend) {
    disposeModels();
    backend = await chooseBackend(settings.backend, settings.wasmThreads);
    backendPreference = settings.backend;
    watchWebGlContext();
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
      candidate.embedViews(tf.zeros([2, custom.inputSize, custom.inputSize, 3]) as tf.Tensor4D, ['plain']),
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
      const current = await checkpoint(jobId);
      const request = requests[i]!;
      const t0 = performance.now();
      const decoded = await next;
      const following = requests[i + 1];
      next = decode(following);
      const decodeMs = performance.now() - t0;
      try {
        if (!decoded || 'error' in decoded) throw decoded?.error;
        const face = await embedFace(decoded.pixels, current, locator, cropMode, options.withCrops ?? false);
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
        const message = errorMessage(error);
        outcomes.push({ ok: false, id: request.id, code, message });
      }
      onProgress?.(i + 1, requests.length, failed);
    }
  } finally {
    cancelled.delete(jobId);
  }
  return outcomes;
}

/** Finds every face in one photo (a camera snapshot) and embeds each; no face gives an empty list. */
async function embedAllFaces(
  jobId: string,
  blob: Blob,
  onProgress?: ProgressCallback,
): Promise<AllFacesOutcome> {
  const model = embedder;
  if (!model) throw new LikenessError('model-load-failed', 'The engine is not initialised');
  const modelKey = currentModelKey();
  try {
    // A database of whole photos needs no detector for itself, but a snapshot does.
    locator ??= await createFaceLocator();
    const t0 = performance.now();
    const pixels = await decodeImage(blob, 'The snapshot');
    const decode = performance.now() - t0;
    if (cancelled.has(jobId)) throw new LikenessError('aborted', 'Cancelled');
    const { faces, timings } = await embedEveryFace(pixels, model, locator, cropMode, true, (done, total) =>
      onProgress?.(done, total, 0),
    );
    const size = model.spec.inputSize;
    return {
      faces: await Promise.all(
        faces.map(async (f) => ({
          box: f.box,
          embedding: f.embedding,
          crop: await encodeRgb(f.crop!, size, size),
        })),
      ),
      imageWidth: pixels.width,
      imageHeight: pixels.height,
      modelKey,
      timings: { decode, ...timings },
    };
  } finally {
    cancelled.delete(jobId);
  }
}

/** The crop the model would embed for this photo (its plain view), without embedding it. */
async function faceCrop(jobId: string, blob: Blob, name = 'The image'): Promise<FaceCropOutcome> {
  const model = await checkpoint(jobId);
  try {
    const pixels = await decodeImage(blob, name);
    if (cancelled.has(jobId)) throw new LikenessError('aborted', 'Cancelled');
    const found = await cropFace(pixels, model, locator, cropMode);
    return {
      crop: await encodeRgb(found.crop, found.size, found.size, 0.92),
      size: found.size,
      cropMode,
      box: found.box,
      faces: found.faces,
      imageWidth: pixels.width,
      imageHeight: pixels.height,
    };
  } finally {
    cancelled.delete(jobId);
  }
}

export interface StoredJob {
  datasetId: string;
  imageIds: string[];
  /** Enrolment images are embedded in the plain view only; probes in all the model's views. */
  role: EmbeddingRole;
}

export interface StoredJobResult {
  modelKey: string;
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

function currentModelKey(): string {
  if (!embedder) throw new LikenessError('model-load-failed', 'The engine is not initialised');
  return modelKeyOf(embedder.spec.id, cropMode);
}

/**
 * Embeds stored images and persists each embedding as it is computed (in small
 * batches), skipping any already stored, so a reload or crash resumes where it stopped.
 */
async function embedStored(
  jobId: string,
  job: StoredJob,
  onProgress?: ProgressCallback,
): Promise<StoredJobResult> {
  const model = embedder;
  if (!model) throw new LikenessError('model-load-failed', 'The engine is not initialised');
  const modelKey = currentModelKey();
  const t0 = performance.now();
  const wanted: readonly View[] = job.role === 'probe' ? model.views : ['plain'];
  const todo = await missingViews(modelKey, job.imageIds, wanted);
  const cached = job.imageIds.length - todo.length;
  const totals = { decode: 0, detect: 0, align: 0, embed: 0, store: 0 };
  let embedded = 0;
  let failed = 0;
  let pending: EmbeddingRecord[] = [];
  let lastFlush = performance.now();
  // Writes run behind the inference (one transaction at a time, in order); a failed write stops the job
  // at the next flush. `store` is the time the loop waited for storage.
  let writing: Promise<void> = Promise.resolve();
  let writeError: unknown = null;
  let queued = 0;
  const flush = async () => {
    if (writeError) throw writeError;
    const batch = pending;
    pending = [];
    lastFlush = performance.now();
    queued++;
    writing = writing
      .then(() => writeEmbeddings(batch))
      .catch((error: unknown) => {
        writeError ??= error;
      })
      .finally(() => queued--);
    // A fast model must not run ahead of storage without bound.
    if (queued > 4) {
      const s = performance.now();
      await writing;
      totals.store += performance.now() - s;
    }
  };
  onProgress?.(cached, job.imageIds.length, 0);
  try {
    const load = (id: string | undefined) =>
      id === undefined
        ? null
        : getImageBlob(id)
            .then((blob) => decodeImage(blob, id.slice(job.datasetId.length + 1)))
            .then(
              (pixels) => ({ pixels }),
              (error: unknown) => ({ error }),
            );
    let next = load(todo[0]?.id);
    for (let i = 0; i < todo.length; i++) {
      const current = await checkpoint(jobId);
      const { id, views } = todo[i]!;
      const s = performance.now();
      const decoded = await next;
      next = load(todo[i + 1]?.id);
      totals.decode += performance.now() - s;
      const records: EmbeddingRecord[] = views.map((v) => ({
        modelKey: viewKeyOf(modelKey, v),
        imageId: id,
        datasetId: job.datasetId,
        embedding: null,
        error: null,
      }));
      try {
        if (!decoded || 'error' in decoded) throw decoded?.error;
        let face = await unlessContextLost(
          embedFace(decoded.pixels, current, locator, cropMode, false, views),
        ).catch((error: unknown) => {
          if (!gpuContextLost) throw error;
          return null;
        });
        // The GPU went away during this image: embed it again on WASM rather than store a failure.
        if (
          !face ||
          gpuContextLost ||
          (backend?.name === 'webgl' && !views.every((v) => usable(face!.views[v]!)))
        ) {
          gpuContextLost = true;
          face = await embedFace(decoded.pixels, await checkpoint(jobId), locator, cropMode, false, views);
        }
        totals.detect += face.timings.detect;
        totals.align += face.timings.align;
        totals.embed += face.timings.embed;
        views.forEach((v, k) => {
          records[k]!.embedding = face.views[v]!;
          if (face.faces !== null) records[k]!.faces = face.faces;
        });
        embedded++;
      } catch (error) {
        if (
          error instanceof LikenessError &&
          (error.code === 'storage-failed' || error.code === 'storage-full')
        )
          throw error;
        failed++;
        const reason = {
          code: error instanceof LikenessError ? error.code : 'embed-failed',
          message: errorMessage(error),
        };
        for (const record of records) record.error = reason;
      }
      pending.push(...records);
      if (pending.length >= writeBatchSize || performance.now() - lastFlush > flushIntervalMs) await flush();
      onProgress?.(cached + i + 1, job.imageIds.length, failed);
    }
  } finally {
    // Whatever happened, keep what was computed.
    if (!writeError) await flush();
    const s = performance.now();
    await writing;
    totals.store += performance.now() - s;
    cancelled.delete(jobId);
  }
  if (writeError) throw writeError;
  const n = Math.max(1, embedded + failed);
  return {
    modelKey,
    embedded,
    failed,
    cached,
    seconds: (performance.now() - t0) / 1000,
    msPerStage: {
      decode: totals.decode / n,
      detect: totals.detect / n,
      align: totals.align / n,
      embed: totals.embed / n,
      store: totals.store / n,
    },
  };
}

/** Fits "adapt to your people" on enrolled embeddings only (the caller never sends probes). */
async function fitAdaptation(
  jobId: string,
  classes: Float32Array[][],
  options: Partial<AdaptFitOptions>,
  onProgress?: ProgressCallback,
): Promise<AdaptFit> {
  try {
    return await fitProjection(
      classes,
      { ...DEFAULT_ADAPT_OPTIONS, ...options },
      {
        onProgress: (done, total) => onProgress?.(done, total, 0),
        checkpoint: () => {
          if (cancelled.has(jobId)) throw new LikenessError('aborted', 'Cancelled');
        },
      },
    );
  } finally {
    cancelled.delete(jobId);
  }
}

export const engineApi = {
  embedStored,
  fitAdaptation,
  modelKey: currentModelKey,
  init: configure,
  configure,
  loadCustomModel,
  embed,
  embedAllFaces,
  faceCrop,
  cancel(jobId: string): void {
    cancelled.add(jobId);
  },
  /** Tells `listener` whenever the engine switches backend by itself (after a lost WebGL context). */
  watchEngine(listener: (info: EngineInfo) => void): void {
    engineListener = listener;
  },
  /**
   * For tests and `npm run bench`: loses the WebGL context the way a driver reset does
   * (WEBGL_lose_context). False when the engine is not on WebGL.
   */
  simulateContextLoss(): boolean {
    if (tf.getBackend() !== 'webgl') return false;
    const { gl } = (tf.backend() as MathBackendWebGL).getGPGPUContext();
    const extension = gl.getExtension('WEBGL_lose_context');
    if (!extension) return false;
    extension.loseContext();
    return true;
  },
  memory(): MemoryInfo {
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  },
};

export type EngineApi = typeof engineApi;

installErrorTransfer();
Comlink.expose(engineApi);
