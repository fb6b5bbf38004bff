import * as tf from '@tensorflow/tfjs';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { LikenessError } from '../core/errors';
import { chooseBackend } from './backend';
import { createEmbedder, type Embedder } from './embedder';
import { builtInModels, defaultModelId, findModel, summarise, type EmbedderSpec } from './models';
import type { FaceLocator } from './pipeline';
import { createFaceLocator } from './detector';
import { modelKeyOf, type ModelKey } from '../core/model-key';
import type {
  BackendInfo,
  BackendPreference,
  CropMode,
  EngineInfo,
  EngineSettings,
  MemoryInfo,
} from './engine-protocol';

/** Everything one engine worker holds between calls: backend, models, custom models and running jobs. */
export interface EngineSession {
  backend: BackendInfo | null;
  backendPreference: BackendPreference | null;
  embedder: Embedder | null;
  locator: FaceLocator | null;
  cropMode: CropMode;
  warmupMs: number;
  readonly customModels: EmbedderSpec[];
  readonly customSources: Map<string, tf.io.IOHandler>;
  /** Jobs asked to stop; each job removes its id when it ends. */
  readonly cancelled: Set<string>;
  gpuContextLost: boolean;
  /** Told when the engine changes backend by itself (a lost WebGL context). */
  engineListener: ((info: EngineInfo) => void) | null;
  /** Settles when the current WebGL context is lost (null when not on WebGL). */
  contextLost: Promise<void> | null;
}

export function createSession(): EngineSession {
  return {
    backend: null,
    backendPreference: null,
    embedder: null,
    locator: null,
    cropMode: 'whole',
    warmupMs: 0,
    customModels: [],
    customSources: new Map(),
    cancelled: new Set(),
    gpuContextLost: false,
    engineListener: null,
    contextLost: null,
  };
}

/** A lost WebGL context (driver reset, GPU memory pressure) must not lose a job: note it, and carry on with WASM. */
function watchWebGlContext(session: EngineSession): void {
  session.contextLost = null;
  if (tf.getBackend() !== 'webgl') return;
  const { gl } = (tf.backend() as MathBackendWebGL).getGPGPUContext();
  // The context's canvas is an OffscreenCanvas in a worker (the WebWorker lib types omit .canvas).
  const canvas = (gl as unknown as { canvas: EventTarget }).canvas;
  session.contextLost = new Promise((resolve) =>
    canvas.addEventListener(
      'webglcontextlost',
      (event: Event) => {
        event.preventDefault();
        session.gpuContextLost = true;
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
export function unlessContextLost<T>(session: EngineSession, work: Promise<T>): Promise<T | null> {
  const { contextLost } = session;
  return contextLost ? Promise.race([work, contextLost.then(() => null)]) : work;
}

async function recoverOnWasm(session: EngineSession): Promise<void> {
  session.gpuContextLost = false;
  session.contextLost = null;
  const spec = session.embedder?.spec ?? findModel(defaultModelId)!;
  try {
    disposeModels(session);
  } catch {
    // the context is gone; its textures went with it
  }
  session.embedder = null;
  session.locator = null;
  session.backend = {
    ...(await chooseBackend('wasm')),
    reason: 'the WebGL context was lost, so Likeness switched to WASM',
    cause: 'context-lost',
    fellBackFrom: 'webgl',
  };
  session.embedder = await createEmbedder(spec, session.customSources.get(spec.id));
  if (session.cropMode !== 'whole') session.locator = await createFaceLocator();
  void session.engineListener?.(info(session));
}

export function throwIfCancelled(session: EngineSession, jobId: string): void {
  if (session.cancelled.has(jobId)) throw new LikenessError('aborted', 'Cancelled');
}

/** Between images: stop when cancelled; after a lost GPU context, continue on WASM with the same model. */
export async function checkpoint(session: EngineSession, jobId: string): Promise<Embedder> {
  throwIfCancelled(session, jobId);
  if (session.gpuContextLost) await recoverOnWasm(session);
  return readyEmbedder(session);
}

export function readyEmbedder(session: EngineSession): Embedder {
  if (!session.embedder) throw new LikenessError('model-load-failed', 'The engine is not initialised');
  return session.embedder;
}

export function info(session: EngineSession): EngineInfo {
  const { backend, embedder } = session;
  if (!backend || !embedder) throw new LikenessError('model-load-failed', 'The engine is not initialised');
  return {
    backend,
    model: summarise(embedder.spec),
    models: [...builtInModels, ...session.customModels].map(summarise),
    cropMode: session.cropMode,
    warmupMs: session.warmupMs,
  };
}

function disposeModels(session: EngineSession): void {
  session.embedder?.dispose();
  session.embedder = null;
  session.locator?.dispose();
  session.locator = null;
}

/** One inference on a blank face compiles shaders / primes kernels off the main thread. */
function warmUp(model: Embedder): number {
  const t0 = performance.now();
  const size = model.spec.inputSize;
  tf.tidy(() => model.embedViews(tf.zeros([1, size, size, 3]) as tf.Tensor4D, model.views).dataSync());
  return performance.now() - t0;
}

export async function configure(session: EngineSession, settings: EngineSettings): Promise<EngineInfo> {
  const spec = findModel(settings.modelId, session.customModels) ?? findModel(defaultModelId)!;
  if (!session.backend || session.backendPreference !== settings.backend) {
    disposeModels(session);
    session.backend = await chooseBackend(settings.backend, settings.wasmThreads);
    session.backendPreference = settings.backend;
    watchWebGlContext(session);
  }
  if (!session.embedder || session.embedder.spec.id !== spec.id) {
    session.embedder?.dispose();
    session.embedder = null;
    session.embedder = await createEmbedder(spec, session.customSources.get(spec.id));
    session.warmupMs = warmUp(session.embedder);
  }
  session.cropMode = settings.cropMode === 'auto' ? spec.preferredCrop : settings.cropMode;
  if (session.cropMode !== 'whole' && !session.locator) session.locator = await createFaceLocator();
  return info(session);
}

/**
 * For tests and `npm run bench`: loses the WebGL context the way a driver reset does
 * (WEBGL_lose_context). False when the engine is not on WebGL.
 */
export function simulateContextLoss(): boolean {
  if (tf.getBackend() !== 'webgl') return false;
  const { gl } = (tf.backend() as MathBackendWebGL).getGPGPUContext();
  const extension = gl.getExtension('WEBGL_lose_context');
  if (!extension) return false;
  extension.loseContext();
  return true;
}

export function memory(): MemoryInfo {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
}

export function currentModelKey(session: EngineSession): ModelKey {
  return modelKeyOf(readyEmbedder(session).spec.id, session.cropMode);
}
